#include "engine/compose_rule.hpp"

#include <algorithm>
#include <numeric>

#include "model/yaml_reorder.hpp"

namespace infralint {

bool report_unsorted(const Document& doc, const ComposeFile& file, FindingSink& sink,
                     const yaml::Node& collection, const std::vector<std::string>& sort_keys,
                     const std::string& message) {
  std::size_t n = sort_keys.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return sort_keys[a] < sort_keys[b]; });
  std::size_t misplaced = n;
  for (std::size_t i = 1; i < n && misplaced == n; ++i)
    if (sort_keys[i] < sort_keys[i - 1]) misplaced = i;
  if (misplaced == n) return false;
  Span at = collection.is_mapping() ? collection.pairs[misplaced].key->span
                                    : collection.items[misplaced]->span;
  if (auto edit = reorder_block_entries(doc.text(), file.stream, collection, order))
    sink.report(at, message, Fix{"Sort", {*edit}, Applicability::safe});
  else
    sink.report(at, message);
  return true;
}

}  // namespace infralint
