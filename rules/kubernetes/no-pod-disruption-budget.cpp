#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Deployment or StatefulSet that no PodDisruptionBudget of the linted files selects.

Opt-in: budgets are often defined apart from the workload. Select it by id or through the
peers' ids.

## Why it matters
Without a budget, a node drain (upgrade, autoscaler scale-down) may evict every replica at
once: the service goes down during routine maintenance.

## Example
```yaml
kind: Deployment
metadata:
  name: api
```

## Fixed
```yaml
kind: PodDisruptionBudget
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: api
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/no-pod-disruption-budget",
    .title = "Workload without a PodDisruptionBudget",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"kube-score:deployment-has-poddisruptionbudget",
                "kube-score:statefulset-has-poddisruptionbudget",
                "polaris:missingPodDisruptionBudget"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .opt_in = true,
};

class NoPodDisruptionBudget final : public KubernetesStreamRule {
 public:
  NoPodDisruptionBudget() : KubernetesStreamRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const std::vector<k8s::Object>& objects,
             FindingSink& sink) const override {
    for (const k8s::Object& w : objects) {
      if (w.kind != "Deployment" && w.kind != "StatefulSet") continue;
      const yaml::Node* labels = at_path(w.pod_metadata, {"labels"});
      bool covered = false;
      for (const k8s::Object& p : objects) {
        const yaml::Node* selector = at_path(p.node, {"spec", "selector"});
        if (p.kind == "PodDisruptionBudget" && p.namespace_ == w.namespace_ && selector &&
            selector->is_mapping() && !selector->pairs.empty() &&
            k8s::selector_matches(selector, labels))
          covered = true;
      }
      if (!covered)
        sink.report(w.span(), fmt::format("no PodDisruptionBudget selects the pods of {}: a node "
                                          "drain may evict all of them at once",
                                          w.describe()));
    }
  }
};

INFRALINT_REGISTER_RULE(NoPodDisruptionBudget);

}  // namespace
}  // namespace infralint
