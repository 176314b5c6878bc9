#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/span.hpp"

namespace infralint::nginx {

// One word of a directive, as nginx's ngx_conf_read_token splits it.
struct Arg {
  std::string value;  // unescaped: \" \' \\ give the bare character, \t \r \n control characters
  Span span;          // the bytes as written, quotes included
  char quote = 0;     // '"' or '\'' when quoted
  bool quoted() const { return quote != 0; }
  // The bytes between the quotes (or the whole word when unquoted).
  Span inner() const { return quote ? Span{span.begin + 1, span.end - 1} : span; }
};

struct IncludedFile;

struct Directive {
  std::string_view name;  // views the text of the file it was read from
  Span name_span;
  std::vector<Arg> args;
  Span terminator;     // the `;` or `{`; empty when the file ended first
  bool block = false;  // opened with `{`
  Span close;          // the `}` of a block; empty when never closed
  std::vector<Directive> children;
  Span raw_body;  // *_by_lua_block: the Lua between the braces, not tokenized
  // Where the directive was read: null for the linted document itself.
  const IncludedFile* file = nullptr;
  // For `include`: the files it resolved to, in nginx's (sorted glob) order.
  std::vector<const IncludedFile*> included;

  // From the name to the terminator, or to the closing `}` of a block.
  Span span() const {
    std::size_t end = block && !close.empty() ? close.end : terminator.end;
    return {name_span.begin, std::max(end, name_span.end)};
  }
  const Arg* arg(std::size_t i) const { return i < args.size() ? &args[i] : nullptr; }
  bool is(std::string_view n) const { return name == n; }
};

// A file spliced in by `include`, parsed on its own: its directives keep their own spans.
struct IncludedFile {
  std::string path;
  std::string text;
  std::vector<Directive> directives;
  std::vector<Span> comments;
};

// A parsed nginx configuration file. Comments are kept aside (spans of `#...` up to the line
// end) so fixes can see them; included files are owned here and referenced by `include`
// directives (context only: findings are reported in the document itself).
struct Config : SyntaxTree {
  std::vector<Directive> directives;
  std::vector<Span> comments;
  std::vector<std::unique_ptr<IncludedFile>> files;
};

// Deeper nesting is a syntax error: real configs use fewer than ten levels.
constexpr std::size_t kMaxDepth = 200;

// Reads `text` as nginx does; errors carry nginx's messages and exact spans. Directives after
// an error are still read where the lexer can resynchronise.
std::vector<Directive> parse_directives(std::string_view text, std::vector<Span>& comments,
                                        std::vector<ParseError>& errors);

struct IncludeOptions {
  // Directory relative `include` paths resolve against; empty: the file's own directory, and
  // then its parents (a snippet in conf.d/ includes paths relative to the configuration root).
  std::string prefix;
  bool resolve = true;
};

// Parses a whole document and resolves its `include` directives from disk.
std::unique_ptr<Config> parse(std::string_view path, std::string_view text,
                              std::vector<ParseError>& errors, const IncludeOptions& options = {});

// Whether `name` opens a raw Lua block (`content_by_lua_block` and its siblings).
bool is_lua_block(std::string_view name);

}  // namespace infralint::nginx
