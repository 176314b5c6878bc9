#include "core/edit.hpp"

#include <algorithm>

namespace infralint {

bool apply_edits(std::string_view text, std::vector<Edit> edits, std::string& out) {
  std::stable_sort(edits.begin(), edits.end(),
                   [](const Edit& a, const Edit& b) { return a.span.begin < b.span.begin; });
  std::string result;
  result.reserve(text.size());
  std::size_t cursor = 0;
  for (const Edit& e : edits) {
    if (e.span.begin < cursor || e.span.end > text.size() || e.span.end < e.span.begin) {
      return false;
    }
    result.append(text.substr(cursor, e.span.begin - cursor));
    result.append(e.replacement);
    cursor = e.span.end;
  }
  result.append(text.substr(cursor));
  out = std::move(result);
  return true;
}

}  // namespace infralint
