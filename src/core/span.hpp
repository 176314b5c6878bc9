#pragma once
#include <algorithm>
#include <cstddef>

namespace infralint {

// Half-open byte range [begin, end) into one source buffer: the only range type. Lines and
// columns are derived at output time from a LineIndex.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;

  constexpr std::size_t size() const { return end - begin; }
  constexpr bool empty() const { return begin == end; }
  constexpr bool contains(std::size_t offset) const { return offset >= begin && offset < end; }
  constexpr bool overlaps(Span other) const {
    return begin < other.end && other.begin < end;
  }
  constexpr Span cover(Span other) const {
    return {std::min(begin, other.begin), std::max(end, other.end)};
  }
  constexpr bool operator==(const Span&) const = default;
  constexpr auto operator<=>(const Span&) const = default;
};

}  // namespace infralint
