#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_edits.hpp"
#include "model/kustomize_patch.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Deployment whose `spec.replicas` is below a minimum (option `min-replicas`, default 2); a
Deployment without `replicas` runs 1. Not reported:
- a Deployment that a HorizontalPodAutoscaler (or a KEDA ScaledObject) of the same file
  targets — the autoscaler owns the count, and `kubernetes/hpa-too-few-replicas` judges its
  `minReplicas`;
- `replicas: 0`, a Deployment deliberately scaled down;
- a count written as a template placeholder.

## Why it matters
One replica means every rollout, node drain, eviction or crash is an outage of the service,
and a PodDisruptionBudget cannot help. Two replicas on different nodes survive all of those.

## Example
```yaml
kind: Deployment
spec:
  replicas: 1
```

## Fixed
```yaml
kind: Deployment
spec:
  replicas: 2
```

The fix sets `replicas` to the minimum. It is unsafe: it doubles the pods' resource use, and an
application that must run alone (a singleton consumer, a scheduler) breaks with two copies —
for those, suppress the finding with a reason.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/deployment-too-few-replicas",
    .title = "Deployment runs fewer replicas than the minimum",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"polaris:deploymentMissingReplicas", "kube-linter:minimum-three-replicas",
                "kube-score:deployment-replicas"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .options = {{"min-replicas", OptionType::number,
                 "The fewest replicas a Deployment should run (default 2)."}},
};

// Whether an autoscaler of the stream scales `deployment`.
bool autoscaled(const k8s::Object& deployment, const std::vector<k8s::Object>& objects) {
  for (const k8s::Object& o : objects) {
    bool hpa = o.kind == "HorizontalPodAutoscaler" && o.api_version.starts_with("autoscaling/");
    bool keda = o.kind == "ScaledObject" && o.api_version.starts_with("keda.sh/");
    if (!hpa && !keda) continue;
    if (!o.namespace_.empty() && !deployment.namespace_.empty() &&
        o.namespace_ != deployment.namespace_)
      continue;
    const yaml::Node* target = at_path(o.node, {"spec", "scaleTargetRef"});
    if (!target || !target->is_mapping()) continue;
    std::string kind = scalar_text(target->get("kind")).value_or(keda ? "Deployment" : "");
    if (kind == "Deployment" && scalar_text(target->get("name")) == deployment.name) return true;
  }
  return false;
}

class DeploymentTooFewReplicas final : public KubernetesStreamRule {
 public:
  DeploymentTooFewReplicas() : KubernetesStreamRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream&, const std::vector<k8s::Object>& objects,
             FindingSink& sink) const override {
    auto min = static_cast<std::int64_t>(sink.options().number("min-replicas", 2));
    for (const k8s::Object& o : objects) {
      const yaml::Node* spec = o.spec();
      if (o.kind != "Deployment" || !spec || !spec->is_mapping()) continue;
      const yaml::Node* replicas = spec->get("replicas");
      if (!replicas && is_kustomize_patch(doc, o)) continue;  // the base sets the count
      std::int64_t count = 1;
      if (replicas && !replicas->is_null()) {
        auto v = scalar_int(replicas);
        if (!v || *v == 0) continue;
        count = *v;
      }
      if (count >= min || autoscaled(o, objects)) continue;
      Finding& f = sink.report(
          replicas ? replicas->span : o.span(),
          fmt::format("{} runs {} {}{}: a rollout, node drain or crash takes the service down; "
                      "run at least {}",
                      o.describe(), count, count == 1 ? "replica" : "replicas",
                      replicas ? "" : " (no `replicas` set)", min));
      if (auto edit = k8s::set_in(doc, *spec, {"replicas"}, min))
        f.fix = Fix{fmt::format("Run {} replicas", min), {*edit}, Applicability::unsafe};
    }
  }
};

INFRALINT_REGISTER_RULE(DeploymentTooFewReplicas);

}  // namespace
}  // namespace infralint
