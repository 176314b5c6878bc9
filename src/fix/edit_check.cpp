#include "fix/edit_check.hpp"

#include <algorithm>

namespace infralint {

bool changes_within(std::string_view before, std::string_view after, std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (Span s : spans) {
    if (s.begin > s.end || s.end > before.size()) return false;
    if (!merged.empty() && s.begin <= merged.back().end)
      merged.back().end = std::max(merged.back().end, s.end);
    else
      merged.push_back(s);
  }
  if (merged.empty()) return before == after;
  // The gaps between spans must appear in order; a leftmost match is never worse than another.
  std::size_t at = 0, prev = 0;
  for (std::size_t i = 0; i < merged.size(); ++i) {
    std::string_view gap = before.substr(prev, merged[i].begin - prev);
    if (i == 0) {
      if (!after.starts_with(gap)) return false;
      at = gap.size();
    } else {
      auto found = after.find(gap, at);
      if (found == std::string_view::npos) return false;
      at = found + gap.size();
    }
    prev = merged[i].end;
  }
  std::string_view tail = before.substr(prev);
  return after.size() >= at + tail.size() && after.ends_with(tail);
}

}  // namespace infralint
