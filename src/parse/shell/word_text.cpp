#include "parse/shell/word_text.hpp"

#include <cstddef>

namespace infralint::shell {
namespace {

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// After a `$`: does the shell expand something here? A lone `$` (at the end, before a space
// or `/`) stays a literal dollar sign; so does `$"` or `$'` inside double quotes.
bool starts_expansion(std::string_view raw, std::size_t dollar, bool double_quoted) {
  if (dollar + 1 >= raw.size()) return false;
  char next = raw[dollar + 1];
  if (is_name_start(next) || (next >= '0' && next <= '9')) return true;
  switch (next) {
    case '{':
    case '(':
    case '@':
    case '*':
    case '#':
    case '?':
    case '$':
    case '!':
    case '-':
    case '\'':
    case '"':
      return !double_quoted;
    default:
      return false;
  }
}

// An unquoted `[` is a glob only when a `]` follows; `[` alone (the test command) is literal.
bool bracket_closes(std::string_view raw, std::size_t open) {
  return raw.find(']', open + 1) != std::string_view::npos;
}

// `{a,b}` and `{1..3}` expand; `{}` (find -exec) and a lone brace do not.
bool brace_expands(std::string_view raw, std::size_t open) {
  std::size_t close = raw.find('}', open + 1);
  if (close == std::string_view::npos) return false;
  std::string_view inside = raw.substr(open + 1, close - open - 1);
  return inside.find(',') != std::string_view::npos || inside.find("..") != std::string_view::npos;
}

// Reads a double-quoted section starting after the opening quote; returns the index just past
// the closing quote (or the end of the text when it is unterminated).
std::size_t read_double_quoted(std::string_view raw, std::size_t i, WordText& out) {
  while (i < raw.size()) {
    char c = raw[i];
    if (c == '"') return i + 1;
    if (c == '\\' && i + 1 < raw.size()) {
      char next = raw[i + 1];
      if (next == '\n') {
        i += 2;
        continue;
      }
      if (next == '"' || next == '\\' || next == '$' || next == '`') {
        out.value += next;
        i += 2;
        continue;
      }
      out.value += c;
      ++i;
      continue;
    }
    if (c == '`' || (c == '$' && starts_expansion(raw, i, true))) out.literal = false;
    out.value += c;
    ++i;
  }
  out.literal = false;  // unterminated quote: the tree has an error here anyway
  return i;
}

}  // namespace

WordText interpret_word(std::string_view raw) {
  WordText out;
  out.value.reserve(raw.size());
  std::size_t i = 0;
  while (i < raw.size()) {
    char c = raw[i];
    switch (c) {
      case '\\':
        if (i + 1 >= raw.size()) {
          out.value += c;
          ++i;
        } else {
          if (raw[i + 1] != '\n') out.value += raw[i + 1];
          i += 2;
        }
        break;
      case '\'': {
        std::size_t close = raw.find('\'', i + 1);
        if (close == std::string_view::npos) {
          out.literal = false;
          out.value += raw.substr(i + 1);
          i = raw.size();
        } else {
          out.value += raw.substr(i + 1, close - i - 1);
          i = close + 1;
        }
        break;
      }
      case '"':
        i = read_double_quoted(raw, i + 1, out);
        break;
      case '$':
        if (starts_expansion(raw, i, false)) out.literal = false;
        out.value += c;
        ++i;
        break;
      case '`':
      case '*':
      case '?':
        out.literal = false;
        out.value += c;
        ++i;
        break;
      case '[':
        if (bracket_closes(raw, i)) out.literal = false;
        out.value += c;
        ++i;
        break;
      case '{':
        if (brace_expands(raw, i)) out.literal = false;
        out.value += c;
        ++i;
        break;
      case '~':
        if (i == 0) out.literal = false;
        out.value += c;
        ++i;
        break;
      default:
        out.value += c;
        ++i;
    }
  }
  return out;
}

}  // namespace infralint::shell
