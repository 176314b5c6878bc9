#include "model/kustomize_patch.hpp"

#include <algorithm>
#include <filesystem>

#include "core/consulted.hpp"
#include "core/paths.hpp"
#include "model/entities.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {
namespace {

namespace fs = std::filesystem;

// The files the kustomization in `dir` names as patches, as written (relative to `dir`).
std::vector<std::string> patch_files(const std::string& dir) {
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    // Asked for every manifest: built as a string, not through std::filesystem (1.6 % of a run
    // over a large repository went to path objects here).
    std::string file = dir == "/" ? dir + name : dir + "/" + name;
    if (!consulted::is_regular_file(file)) continue;
    std::optional<std::string> text = consulted::read_file(file, 1024 * 1024);
    if (!text) return {};
    std::vector<ParseError> errors;
    auto stream = yaml::parse(*text, errors);
    std::vector<std::string> out;
    auto add = [&](const yaml::Node* n) {
      // Inline patches are YAML text, not file names.
      if (n && n->is_scalar() && n->value.find('\n') == std::string::npos) out.push_back(n->value);
    };
    for (const yaml::YamlDocument& d : stream->documents) {
      if (!d.root || !d.root->is_mapping()) continue;
      const yaml::Node* merge = d.root->get("patchesStrategicMerge");
      if (merge && merge->is_sequence())
        for (const yaml::Node* item : merge->items) add(item);
      if (const yaml::Node* list = d.root->get("patches"); list && list->is_sequence())
        for (const yaml::Node* item : list->items)
          if (item->is_mapping()) add(item->get("path"));
    }
    return out;  // kustomize refuses a directory with two of these names
  }
  return {};
}

}  // namespace

bool named_as_kustomize_patch(const std::string& path) {
  const std::string file =
      paths::is_normal(path) ? path : fs::path(path).lexically_normal().string();
  std::string dir = paths::parent_of(file);
  for (int level = 0; level < 2; ++level, dir = paths::parent_of(dir)) {
    for (const std::string& patch : patch_files(dir.empty() ? "." : dir))
      if ((fs::path(dir) / patch).lexically_normal() == fs::path(file)) return true;
    if (dir.empty() || dir == "/") break;
  }
  return false;
}

bool is_kustomize_patch(const Document& doc, const k8s::Object& object) {
  const Model* model = doc.model<Model>();
  if (!model) return false;
  Span name = object.span();
  for (const Workload& w : model->workloads)
    if (w.span == name) return w.patch;  // the adapter weighed the kustomization already
  // No workload: a controller without a pod template, which the API requires (a patch that
  // only annotates the template, say).
  return k8s::has_pod_template(object.kind) && !object.pod_spec;
}

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
