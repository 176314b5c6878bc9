#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A HorizontalPodAutoscaler whose `maxReplicas` is not above its `minReplicas` (1 when unset).

## Why it matters
The autoscaler then has nothing to decide: the replica count is fixed, the metrics are
collected for nothing, and the team believes the workload scales under load when it does not.

## Example
```yaml
spec:
  minReplicas: 3
  maxReplicas: 3
```

## Fixed
```yaml
spec:
  minReplicas: 3
  maxReplicas: 10
```

No automatic fix: the ceiling depends on capacity and cost.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/hpa-cannot-scale",
    .title = "HorizontalPodAutoscaler cannot scale",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"polaris:hpaMaxAvailability"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class HpaCannotScale final : public KubernetesObjectRule {
 public:
  HpaCannotScale() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (o.kind != "HorizontalPodAutoscaler") return;
    const yaml::Node* max = at_path(o.node, {"spec", "maxReplicas"});
    auto max_value = scalar_int(max);
    if (!max_value) return;
    auto min_value = scalar_int(at_path(o.node, {"spec", "minReplicas"})).value_or(1);
    if (*max_value > min_value) return;
    sink.report(max->span, fmt::format("{} has `maxReplicas: {}` and a minimum of {}: it can "
                                       "never scale; raise `maxReplicas`",
                                       o.describe(), *max_value, min_value));
  }
};

INFRALINT_REGISTER_RULE(HpaCannotScale);

}  // namespace
}  // namespace infralint
