#include "core/spelling.hpp"

#include <algorithm>
#include <cctype>

namespace infralint {

std::size_t edit_distance_at_most(std::string_view a, std::string_view b, std::size_t limit) {
  // Optimal string alignment: a swap of two neighbours (PAHT for PATH) counts as one edit.
  // Three rows suffice (the swap looks two rows back), on the stack for names. A row's least
  // value never falls below the least of the row before, nor two rows back plus one, so once
  // a row is all above `limit` the distance is too: suggesting a spelling among 800 nginx
  // directives stops after a few rows for most of them.
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > limit) return limit + 1;
  const std::size_t width = b.size() + 1;
  constexpr std::size_t kOnStack = 64;
  std::size_t on_stack[3 * kOnStack];
  std::vector<std::size_t> on_heap;
  std::size_t* two_back = on_stack;
  if (width > kOnStack) {
    on_heap.resize(3 * width);
    two_back = on_heap.data();
  }
  std::size_t* previous = two_back + width;
  std::size_t* current = previous + width;
  for (std::size_t j = 0; j < width; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    std::size_t least = i;
    for (std::size_t j = 1; j < width; ++j) {
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], two_back[j - 2] + 1);
      least = std::min(least, current[j]);
    }
    if (least > limit) return limit + 1;
    std::size_t* oldest = two_back;
    two_back = previous;
    previous = current;
    current = oldest;
  }
  return std::min(previous[b.size()], limit + 1);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  return edit_distance_at_most(a, b, std::max(a.size(), b.size()));
}

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string_view> closest_spelling(std::string_view name,
                                                 const std::vector<std::string_view>& candidates,
                                                 std::size_t max_distance) {
  for (std::string_view c : candidates)
    if (equal_ignoring_case(c, name)) return c;
  std::optional<std::string_view> best;
  std::size_t best_distance = max_distance + 1;
  for (std::string_view c : candidates) {
    std::size_t d = edit_distance_at_most(name, c, best_distance - 1);
    if (d < best_distance && d < name.size()) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace infralint
