#pragma once
#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/finding.hpp"
#include "model/kubernetes_objects.hpp"

namespace infralint {

// Whether a kustomization in the directory of `path`, or the one above it, names the file as a
// patch (`patchesStrategicMerge:` or `patches:` with `path:`). The whole file is then a patch,
// whatever its objects write.
bool named_as_kustomize_patch(const std::string& path);

// Whether `object` is a kustomize patch (see Workload::patch): a rule that judges a setting's
// absence while underlining another one (`replicas`, `schedule`) asks this first.
bool is_kustomize_patch(const Document& doc, const k8s::Object& object);

// Drops the findings that only say a setting is missing from a kustomize patch's object or
// its containers (Workload::patch): the base the patch is merged into supplies what it leaves
// out. Such findings underline the object's or the container's name, where rules point when
// nothing more precise exists (Container::span); what the patch writes is underlined at the
// value and still judged.
void drop_missing_setting_findings_in_patches(const Document& doc, std::vector<Finding>& findings);

}  // namespace infralint
