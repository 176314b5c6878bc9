#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kustomize_patch.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Deployment or StatefulSet with two replicas or more whose pod template has neither a
`podAntiAffinity` nor `topologySpreadConstraints`.

## Why it matters
The scheduler may put every replica on the same node (or zone): one node failure or drain
then takes the whole service down, and the replicas buy no availability.

## Example
```yaml
spec:
  replicas: 3
  template:
    spec:
      containers: [...]
```

## Fixed
```yaml
spec:
  replicas: 3
  template:
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app: api
```

No automatic fix: the labels and topology keys are the workload's.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/replicas-not-spread",
    .title = "Replicas not spread across nodes",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"kube-linter:no-anti-affinity", "kube-score:deployment-has-host-podantiaffinity",
                "kube-score:statefulset-has-host-podantiaffinity",
                "polaris:topologySpreadConstraint"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class ReplicasNotSpread final : public KubernetesObjectRule {
 public:
  ReplicasNotSpread() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if ((o.kind != "Deployment" && o.kind != "StatefulSet") || !o.pod_spec) return;
    if (is_kustomize_patch(doc, o)) return;  // the base may spread them
    const yaml::Node* replicas = at_path(o.node, {"spec", "replicas"});
    auto count = scalar_int(replicas);
    if (!count || *count < 2) return;
    if (at_path(o.pod_spec, {"affinity", "podAntiAffinity"}) ||
        o.pod_spec->get("topologySpreadConstraints"))
      return;
    sink.report(replicas->span, fmt::format("{} runs {} replicas with no pod anti-affinity or "
                                            "topology spread: they may all land on one node",
                                            o.describe(), *count));
  }
};

INFRALINT_REGISTER_RULE(ReplicasNotSpread);

}  // namespace
}  // namespace infralint
