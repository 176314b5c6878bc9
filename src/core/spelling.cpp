#include "core/spelling.hpp"

#include <algorithm>
#include <cctype>

namespace infralint {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: a swap of two neighbours (PAHT for PATH) counts as one edit.
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
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
    // Cheap bound first: the length difference is a lower bound of the distance.
    std::size_t gap = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (gap >= best_distance) continue;
    std::size_t d = edit_distance(name, c);
    if (d < best_distance && d < name.size()) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace infralint
