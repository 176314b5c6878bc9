#include "parse/yaml/scalar_map.hpp"

namespace infralint::yaml {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Where the scalar's content starts: after the quote, or after the block header line.
std::size_t content_begin(std::string_view file, const Node& scalar) {
  std::size_t pos = scalar.span.begin;
  switch (scalar.style) {
    case ScalarStyle::single_quoted:
    case ScalarStyle::double_quoted:
      return pos + 1;
    case ScalarStyle::literal:
    case ScalarStyle::folded: {
      std::size_t nl = file.find('\n', pos);
      return nl == std::string_view::npos || nl >= scalar.span.end ? scalar.span.end : nl + 1;
    }
    case ScalarStyle::plain:
      return pos;
  }
  return pos;
}

}  // namespace

MappedText map_scalar(std::string_view file, const Node& scalar) {
  MappedText out;
  const std::string& value = scalar.value;
  std::size_t src = content_begin(file, scalar);
  std::size_t end = std::min(scalar.span.end, file.size());
  // Decoded bytes appear in the source in order; what lies between them is indentation,
  // folding or escape syntax. Match each byte at or shortly after the cursor.
  constexpr std::size_t kLookahead = 16;
  for (char c : value) {
    std::size_t at = std::string_view::npos;
    if (is_blank(c)) {
      if (src < end && file[src] == c) at = src;
    } else {
      for (std::size_t k = src; k < end && k < src + kLookahead + 256; ++k) {
        if (file[k] == c) {
          at = k;
          break;
        }
        // Between two decoded bytes only whitespace, quotes and escapes can hide.
        if (k >= src + kLookahead && !is_blank(file[k])) break;
      }
    }
    if (at != std::string_view::npos) {
      out.append_source(file, {at, at + 1});
      src = at + 1;
    } else {
      out.append_synthetic(std::string_view(&c, 1), std::min(src, end > 0 ? end - 1 : 0));
      if (is_blank(c)) {
        while (src < end && is_blank(file[src])) ++src;
      }
    }
  }
  return out;
}

}  // namespace infralint::yaml
