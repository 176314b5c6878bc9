#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController or Job whose
`spec.selector` does not select the labels of its own pod template (`matchLabels` and
`matchExpressions` are evaluated as the API server does).

## Why it matters
The API server rejects such a workload (`selector does not match template labels`), so the
apply fails — or, for a selector that matches more than the template, the controller adopts
pods of other workloads.

## Example
```yaml
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: web
```

## Fixed
```yaml
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
```

No automatic fix: a selector is immutable once created, so which side changes matters.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/selector-does-not-match-template",
    .title = "Workload selector does not match its pod template",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"kube-linter:mismatching-selector",
                "kube-score:deployment-pod-selector-labels-match-template-metadata-labels",
                "kube-score:statefulset-pod-selector-labels-match-template-metadata-labels"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class SelectorDoesNotMatchTemplate final : public KubernetesObjectRule {
 public:
  SelectorDoesNotMatchTemplate() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.pod_spec || o.kind == "Pod" || o.kind == "CronJob" || o.kind == "PodTemplate") return;
    const yaml::Node* selector = at_path(o.node, {"spec", "selector"});
    if (!selector || !selector->is_mapping() || selector->pairs.empty()) return;
    const yaml::Node* labels = at_path(o.pod_metadata, {"labels"});
    if (k8s::selector_matches(selector, labels)) return;
    Finding& f = sink.report(selector->span,
                             fmt::format("the selector of {} does not match the labels of its "
                                         "pod template; the API server rejects it",
                                         o.describe()));
    if (labels) f.related.push_back({labels->span, "the pod template's labels"});
  }
};

INFRALINT_REGISTER_RULE(SelectorDoesNotMatchTemplate);

}  // namespace
}  // namespace infralint
