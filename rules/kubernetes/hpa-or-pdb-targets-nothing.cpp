#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_relations.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
- A HorizontalPodAutoscaler whose `scaleTargetRef` (kind and name) names no object of the
  linted files;
- a PodDisruptionBudget whose selector matches no pod template of the linted files.

Judged only when the linted files define workloads in the object's namespace.

## Why it matters
The autoscaler reports `FailedGetScale` and never scales; the budget protects nothing, so a
node drain takes every replica down at once. Both usually follow a rename.

## Example
```yaml
kind: HorizontalPodAutoscaler
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: api-server   # the Deployment is called `api`
```

## Fixed
```yaml
    name: api
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/hpa-or-pdb-targets-nothing",
    .title = "HorizontalPodAutoscaler or PodDisruptionBudget targets nothing",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"kube-linter:dangling-horizontalpodautoscaler",
                "kube-score:horizontalpodautoscaler-has-target"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class HpaOrPdbTargetsNothing final : public KubernetesStreamRule {
 public:
  HpaOrPdbTargetsNothing() : KubernetesStreamRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const std::vector<k8s::Object>& objects,
             FindingSink& sink) const override {
    for (const k8s::Object& o : objects) {
      if (!k8s::has_workload_in(objects, o.namespace_)) continue;
      if (o.kind == "HorizontalPodAutoscaler") {
        const yaml::Node* ref = at_path(o.node, {"spec", "scaleTargetRef"});
        auto kind = scalar_text(at_path(ref, {"kind"}));
        const yaml::Node* name = at_path(ref, {"name"});
        auto name_text = scalar_text(name);
        if (!kind || !name_text) continue;
        if (k8s::find_object(objects, *kind, *name_text, o.namespace_)) continue;
        sink.report(name->span, fmt::format("{} scales {} `{}`, which is not defined here",
                                            o.describe(), *kind, *name_text));
      } else if (o.kind == "PodDisruptionBudget") {
        const yaml::Node* selector = at_path(o.node, {"spec", "selector"});
        if (!selector || !selector->is_mapping() || selector->pairs.empty()) continue;
        if (!k8s::workloads_selected(objects, o.namespace_, selector, false).empty()) continue;
        sink.report(selector->span, fmt::format("{} selects no pod template defined here, so it "
                                                "protects nothing",
                                                o.describe()));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(HpaOrPdbTargetsNothing);

}  // namespace
}  // namespace infralint
