#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/span.hpp"

namespace infralint {

// A point in a text, as every consumer wants it: 1-based line; 1-based column counted in code
// points (CLI, JSON), in UTF-16 units (LSP), and the byte offset.
struct Position {
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t utf16_column = 1;
  std::size_t offset = 0;
};

// Maps byte offsets to positions and back. A line ends at '\n'; a '\r' before it belongs to the
// terminator. A UTF-8 byte-order mark at the start occupies no column.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  Position position(std::size_t offset) const;
  // Offset of a 1-based line and code-point column, clamped to the line's content.
  std::size_t offset(std::size_t line, std::size_t column) const;
  // Offset of a 0-based line and a UTF-16 column (LSP), clamped to the line's content.
  std::size_t offset_utf16(std::size_t line0, std::size_t utf16_column) const;
  std::size_t line_count() const { return starts_.size(); }
  // The line's content without its terminator (1-based line).
  Span line_span(std::size_t line) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

}  // namespace infralint
