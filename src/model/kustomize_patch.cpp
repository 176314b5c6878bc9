#include "model/kustomize_patch.hpp"

#include <algorithm>

#include "model/entities.hpp"

namespace infralint {

void drop_missing_setting_findings_in_patches(const Document& doc, std::vector<Finding>& findings) {
  const Model* model = doc.model<Model>();
  if (!model) return;
  std::vector<Span> names;  // of patched objects and their containers
  for (const Workload& w : model->workloads) {
    if (!w.patch) continue;
    names.push_back(w.span);
    for (std::size_t c : w.containers) names.push_back(model->containers[c].span);
  }
  if (names.empty()) return;
  std::erase_if(findings, [&](const Finding& f) {
    return !f.rule_id.starts_with("meta/") &&
           std::find(names.begin(), names.end(), f.span) != names.end();
  });
}

}  // namespace infralint
