#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "fix/yaml_writer.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Deployment or StatefulSet that sets `spec.replicas` while a HorizontalPodAutoscaler of the
linted files targets it.

## Why it matters
The autoscaler owns the replica count. Every `kubectl apply` of the manifest resets it to the
written number — scaling a service that the autoscaler had grown to 10 pods under load back
to 3, in the middle of the load.

## Example
```yaml
kind: Deployment
spec:
  replicas: 3
---
kind: HorizontalPodAutoscaler
spec:
  scaleTargetRef: {kind: Deployment, name: backend}
  minReplicas: 3
```

## Fixed
```yaml
kind: Deployment
spec:
  selector: ...
```

The fix is unsafe: it removes `spec.replicas`. With client-side `kubectl apply`, the first
apply after the removal sets the Deployment to 1 replica until the autoscaler scales it back
up; apply once with server-side apply, or first hand the field over
(`kubectl apply edit-last-applied`), to avoid the dip.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/replicas-set-with-autoscaler",
    .title = "Replicas written for a workload an autoscaler manages",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"kube-score:deployment-targeted-by-hpa-does-not-have-replicas-configured"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class ReplicasSetWithAutoscaler final : public KubernetesStreamRule {
 public:
  ReplicasSetWithAutoscaler() : KubernetesStreamRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream& stream,
             const std::vector<k8s::Object>& objects, FindingSink& sink) const override {
    for (const k8s::Object& hpa : objects) {
      if (hpa.kind != "HorizontalPodAutoscaler") continue;
      auto kind = scalar_text(at_path(hpa.node, {"spec", "scaleTargetRef", "kind"}));
      auto name = scalar_text(at_path(hpa.node, {"spec", "scaleTargetRef", "name"}));
      for (const k8s::Object& w : objects) {
        if (w.kind != kind || w.name != name || w.namespace_ != hpa.namespace_) continue;
        const yaml::Node* replicas = at_path(w.node, {"spec", "replicas"});
        if (!replicas) continue;
        Finding& f = sink.report(replicas->span,
                                 fmt::format("{} sets `replicas` although {} scales it: every "
                                             "apply resets the autoscaler's count; remove it",
                                             w.describe(), hpa.describe()));
        f.related.push_back({hpa.span(), "the autoscaler"});
        if (auto edit = yaml_edit::remove_pair(doc.text(), stream, *w.spec(), "replicas"))
          f.fix = Fix{"Leave the replica count to the autoscaler", {*edit}, Applicability::unsafe};
      }
    }
  }
};

INFRALINT_REGISTER_RULE(ReplicasSetWithAutoscaler);

}  // namespace
}  // namespace infralint
