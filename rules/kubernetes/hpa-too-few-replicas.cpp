#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_edits.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A HorizontalPodAutoscaler whose `spec.minReplicas` is below a minimum (option `min-replicas`,
default 2); without `minReplicas` the autoscaler keeps 1. A count written as a template
placeholder is not judged.

## Why it matters
At low load the autoscaler scales down to `minReplicas`: with 1, the quiet hours are exactly
when a rollout, node drain or crash becomes an outage, and a PodDisruptionBudget cannot let
any pod go.

## Example
```yaml
kind: HorizontalPodAutoscaler
spec:
  minReplicas: 1
  maxReplicas: 10
```

## Fixed
```yaml
kind: HorizontalPodAutoscaler
spec:
  minReplicas: 2
  maxReplicas: 10
```

The fix sets `minReplicas` to the minimum when `maxReplicas` allows it. It is unsafe: it raises
the resource use of quiet hours.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/hpa-too-few-replicas",
    .title = "HorizontalPodAutoscaler may scale below the minimum replicas",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"polaris:hpaMinAvailability", "kube-score:horizontalpodautoscaler-replicas",
                "kube-linter:hpa-minimum-three-replicas"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .options = {{"min-replicas", OptionType::number,
                 "The fewest replicas an autoscaler should keep (default 2)."}},
};

class HpaTooFewReplicas final : public KubernetesObjectRule {
 public:
  HpaTooFewReplicas() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    const yaml::Node* spec = o.spec();
    if (o.kind != "HorizontalPodAutoscaler" || !o.api_version.starts_with("autoscaling/") ||
        !spec || !spec->is_mapping())
      return;
    auto min = static_cast<std::int64_t>(sink.options().number("min-replicas", 2));
    const yaml::Node* written = spec->get("minReplicas");
    std::int64_t count = 1;
    if (written && !written->is_null()) {
      auto v = scalar_int(written);
      if (!v) return;
      count = *v;
    }
    if (count >= min) return;
    Finding& f = sink.report(
        written ? written->span : o.span(),
        fmt::format("{} may scale down to {} {}{}: at quiet hours a rollout, node drain or crash "
                    "is an outage; set `minReplicas` to at least {}",
                    o.describe(), count, count == 1 ? "replica" : "replicas",
                    written ? "" : " (no `minReplicas` set)", min));
    auto max = scalar_int(spec->get("maxReplicas"));
    if (!max || *max < min) return;
    if (auto edit = k8s::set_in(doc, *spec, {"minReplicas"}, min))
      f.fix = Fix{fmt::format("Keep at least {} replicas", min), {*edit}, Applicability::unsafe};
  }
};

INFRALINT_REGISTER_RULE(HpaTooFewReplicas);

}  // namespace
}  // namespace infralint
