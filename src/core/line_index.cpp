#include "core/line_index.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace infralint {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool is_continuation_byte(unsigned char c) { return (c & 0xC0) == 0x80; }

// UTF-16 units of the code point whose lead byte is c: 2 for 4-byte sequences.
std::size_t utf16_units(unsigned char lead) { return lead >= 0xF0 ? 2 : 1; }

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

Span LineIndex::line_span(std::size_t line) const {
  if (line == 0 || line > starts_.size()) return {text_.size(), text_.size()};
  std::size_t begin = starts_[line - 1];
  std::size_t end = line < starts_.size() ? starts_[line] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\r' && line < starts_.size()) --end;
  if (line == 1 && text_.substr(0, 3) == kByteOrderMark) begin = std::min<std::size_t>(3, end);
  return {begin, end};
}

Position LineIndex::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - starts_.begin());
  std::size_t begin = starts_[line - 1];
  if (line == 1 && text_.substr(0, 3) == kByteOrderMark && offset >= 3) begin = 3;
  Position p;
  p.line = line;
  p.offset = offset;
  std::size_t i = begin;
  // All-ASCII runs, eight bytes at a time: one column and one UTF-16 unit per byte.
  for (std::uint64_t word; i + 8 <= offset; i += 8) {
    std::memcpy(&word, text_.data() + i, 8);
    if (word & 0x8080808080808080ULL) break;
    p.column += 8;
    p.utf16_column += 8;
  }
  for (; i < offset; ++i) {
    auto c = static_cast<unsigned char>(text_[i]);
    if (is_continuation_byte(c)) continue;
    ++p.column;
    p.utf16_column += utf16_units(c);
  }
  return p;
}

std::size_t LineIndex::offset(std::size_t line, std::size_t column) const {
  Span s = line_span(line);
  std::size_t i = s.begin;
  for (std::size_t col = 1; col < column && i < s.end; ++col) {
    ++i;
    while (i < s.end && is_continuation_byte(static_cast<unsigned char>(text_[i]))) ++i;
  }
  return i;
}

std::size_t LineIndex::offset_utf16(std::size_t line0, std::size_t utf16_column) const {
  Span s = line_span(line0 + 1);
  std::size_t i = s.begin;
  std::size_t units = 0;
  while (i < s.end && units < utf16_column) {
    units += utf16_units(static_cast<unsigned char>(text_[i]));
    ++i;
    while (i < s.end && is_continuation_byte(static_cast<unsigned char>(text_[i]))) ++i;
  }
  return i;
}

}  // namespace infralint
