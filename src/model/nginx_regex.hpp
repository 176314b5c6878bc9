#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.hpp"
#include "parse/nginx/ast.hpp"

namespace infralint::nginx {

// A PCRE regex written in a directive: `location ~ re`, `if ($x ~ re)`, `rewrite re ...`,
// `server_name ~re`.
struct RegexUse {
  std::string pattern;  // as PCRE reads it (quotes and the `~` of server_name removed)
  Span span;            // the bytes of the pattern in the file
  bool case_insensitive = false;
};

// The regex a directive carries, if any.
std::optional<RegexUse> regex_of(const Directive& d);

// The number of capturing groups of a PCRE pattern (named ones included).
int capture_groups(std::string_view pattern);

// A quantified group that repeats an unbounded quantifier with nothing to tell the repetitions
// apart (`(a+)+`, `(\w+\s?)*`, `(.*/)+`): the shape that backtracks exponentially. Returns
// the offending group's text.
std::optional<std::string> nested_quantifier(std::string_view pattern);

}  // namespace infralint::nginx
