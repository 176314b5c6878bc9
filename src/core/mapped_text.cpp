#include "core/mapped_text.hpp"

#include <algorithm>

namespace infralint {

void MappedText::append_source(std::string_view parent, Span span) {
  if (span.empty()) return;
  if (!pieces_.empty()) {
    Piece& last = pieces_.back();
    if (!last.synthetic && last.parent_begin + last.size == span.begin) {
      last.size += span.size();
      text_.append(parent.substr(span.begin, span.size()));
      return;
    }
  }
  pieces_.push_back({text_.size(), span.begin, span.size(), false});
  text_.append(parent.substr(span.begin, span.size()));
}

void MappedText::append_synthetic(std::string_view text, std::size_t anchor) {
  if (text.empty()) return;
  pieces_.push_back({text_.size(), anchor, text.size(), true});
  text_.append(text);
}

std::size_t MappedText::to_parent(std::size_t offset) const {
  if (pieces_.empty()) return 0;
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), offset,
                             [](std::size_t o, const Piece& p) { return o < p.local_begin; });
  if (it == pieces_.begin()) return pieces_.front().parent_begin;
  const Piece& p = *(it - 1);
  if (p.synthetic) return p.parent_begin;
  std::size_t within = std::min(offset - p.local_begin, p.size);
  return p.parent_begin + within;
}

Span MappedText::to_parent(Span span) const {
  std::size_t begin = to_parent(span.begin);
  if (span.empty()) return {begin, begin};
  std::size_t end = to_parent(span.end - 1) + 1;
  return {begin, std::max(begin, end)};
}

}  // namespace infralint
