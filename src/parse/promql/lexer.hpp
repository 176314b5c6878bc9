#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/span.hpp"

// PromQL tokens, lexed the way Prometheus' lex.go does: one pass with three modes (statements,
// inside braces, inside brackets). Internal to src/parse/promql.
namespace infralint::promql::detail {

enum class Tok {
  eof,
  error,
  identifier,
  metric_identifier,
  number,
  duration,
  string,
  lparen,
  rparen,
  lbrace,
  rbrace,
  lbracket,
  rbracket,
  comma,
  colon,
  at,
  add,
  sub,
  mul,
  div,
  mod,
  pow,
  eqlc,
  eql,
  neq,
  lte,
  lss,
  gte,
  gtr,
  eql_regex,
  neq_regex,
};

struct Token {
  Tok type = Tok::eof;
  Span span;
  std::string_view text;  // the token's bytes (for errors: empty)
  std::string message;    // error tokens: what is wrong
};

// Lexes everything up to the first error (which becomes the last token, before eof).
std::vector<Token> lex(std::string_view input);

// Decodes a string token (quotes included) with Go's escapes; backtick strings are raw.
std::string unquote(std::string_view token);

}  // namespace infralint::promql::detail
