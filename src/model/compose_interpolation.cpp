// Compose interpolation, as compose-go's template package accepts it.
#include "model/compose_interpolation.hpp"

namespace infralint {
namespace {

bool name_start(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool name_char(char c) {
  return name_start(c) || (c >= '0' && c <= '9');
}

struct Scan {
  std::string_view s;
  bool found = false;  // a substitution seen
  std::optional<InterpolationError> error;

  // Scans from `i` until `stop` (a closing brace of an enclosing `${`) or the end; returns the
  // index of `stop`, or s.size().
  std::size_t text(std::size_t i, bool inside_braces) {
    while (i < s.size() && !error) {
      char c = s[i];
      if (inside_braces && c == '}') return i;
      if (c != '$' || i + 1 >= s.size()) {
        ++i;
        continue;
      }
      char next = s[i + 1];
      if (next == '$') {
        i += 2;
      } else if (name_start(next)) {
        found = true;
        i += 2;
        while (i < s.size() && name_char(s[i])) ++i;
      } else if (next == '{') {
        i = braced(i);
      } else {
        ++i;  // "$1", "$ ", "$(": literal
      }
    }
    return i;
  }

  std::size_t fail(std::size_t start, std::size_t end, std::string message) {
    error = InterpolationError{start, end - start, std::move(message)};
    return s.size();
  }

  // `${...}` starting at `start` (its `$`); returns the index after its `}`.
  std::size_t braced(std::size_t start) {
    found = true;
    std::size_t i = start + 2;
    std::size_t name_begin = i;
    if (i < s.size() && name_start(s[i]))
      while (i < s.size() && name_char(s[i])) ++i;
    if (i == name_begin) {
      std::size_t close = s.find('}', i);
      return fail(start, close == std::string_view::npos ? s.size() : close + 1,
                  "`${` must be followed by a variable name (letters, digits, `_`); write `$$` "
                  "for a literal `$`");
    }
    if (i >= s.size()) return fail(start, i, "`${` is never closed with `}`");
    if (s[i] == '}') return i + 1;
    std::size_t op = i;
    if (s[i] == ':') ++i;
    if (i >= s.size() || (s[i] != '-' && s[i] != '?' && s[i] != '+')) {
      std::size_t close = s.find('}', op);
      return fail(start, close == std::string_view::npos ? s.size() : close + 1,
                  "Compose supports only `:-`, `-`, `:?`, `?`, `:+` and `+` after a variable "
                  "name (no `${VAR/a/b}` or `${VAR:0:2}` as in shells); write `$${...}` for a "
                  "literal `${`");
    }
    std::size_t end = text(i + 1, true);
    if (error) return s.size();
    if (end >= s.size()) return fail(start, s.size(), "`${` is never closed with `}`");
    return end + 1;
  }
};

}  // namespace

bool has_interpolation(std::string_view value) {
  Scan scan{value};
  scan.text(0, false);
  return scan.found || scan.error.has_value();
}

std::optional<InterpolationError> find_interpolation_error(std::string_view value) {
  Scan scan{value};
  scan.text(0, false);
  return scan.error;
}

}  // namespace infralint
