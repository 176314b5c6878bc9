#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_edits.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A PodDisruptionBudget (`policy/v1`) that does not set `spec.unhealthyPodEvictionPolicy`.

## Why it matters
With the default (`IfHealthyBudget`), pods that are running but not ready count against the
budget: a Deployment stuck in a crash loop or a bad rollout blocks every node drain, because
evicting its broken pods would "violate" the budget. `AlwaysAllow` lets unhealthy pods be
evicted, which is what almost every workload wants.

## Example
```yaml
kind: PodDisruptionBudget
spec:
  maxUnavailable: 1
```

## Fixed
```yaml
kind: PodDisruptionBudget
spec:
  maxUnavailable: 1
  unhealthyPodEvictionPolicy: AlwaysAllow
```

The fix is unsafe: it adds `unhealthyPodEvictionPolicy: AlwaysAllow`. Applications that need
a not-ready pod to stay (a quorum member still catching up) should set `IfHealthyBudget`
explicitly instead.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/pdb-unhealthy-pod-eviction-policy",
    .title = "PodDisruptionBudget without an unhealthy pod eviction policy",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"kube-linter:pdb-unhealthy-pod-eviction-policy"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class PdbUnhealthyPodEvictionPolicy final : public KubernetesObjectRule {
 public:
  PdbUnhealthyPodEvictionPolicy() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    const yaml::Node* spec = o.spec();
    if (o.kind != "PodDisruptionBudget" || o.api_version != "policy/v1" || !spec ||
        !spec->is_mapping() || spec->get("unhealthyPodEvictionPolicy"))
      return;
    Finding& f = sink.report(o.span(), fmt::format("{} sets no `unhealthyPodEvictionPolicy`: "
                                                   "crash-looping pods then block node drains; "
                                                   "set it to `AlwaysAllow`",
                                                   o.describe()));
    if (auto edit = k8s::set_in(doc, *spec, {"unhealthyPodEvictionPolicy"}, "AlwaysAllow"))
      f.fix = Fix{"Allow evicting unhealthy pods", {*edit}, Applicability::unsafe};
  }
};

INFRALINT_REGISTER_RULE(PdbUnhealthyPodEvictionPolicy);

}  // namespace
}  // namespace infralint
