#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_relations.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Service whose `selector` matches the pod template labels of no workload, when the linted
files define workloads in the Service's namespace (a Service whose pods are all defined
elsewhere is not judged). Services without a selector (backed by manual Endpoints) are skipped.

## Why it matters
The Service gets no endpoints: every connection to it is refused, usually because a label was
renamed on one side. Nothing fails at apply time; the outage shows at the first request.

## Example
```yaml
kind: Service
spec:
  selector:
    app: backend
---
kind: Deployment
spec:
  template:
    metadata:
      labels:
        app: api
```

## Fixed
Make the Service's selector and the pod template's labels agree.

No automatic fix: which side is wrong is the author's call.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/service-selects-no-pods",
    .title = "Service selects no pods",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"kube-linter:dangling-service", "kube-score:service-targets-pod"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class ServiceSelectsNoPods final : public KubernetesStreamRule {
 public:
  ServiceSelectsNoPods() : KubernetesStreamRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const std::vector<k8s::Object>& objects,
             FindingSink& sink) const override {
    for (const k8s::Object& o : objects) {
      if (o.kind != "Service" || !k8s::has_workload_in(objects, o.namespace_)) continue;
      const yaml::Node* selector = at_path(o.node, {"spec", "selector"});
      if (!selector || !selector->is_mapping() || selector->pairs.empty()) continue;
      if (!k8s::workloads_selected(objects, o.namespace_, selector, true).empty()) continue;
      sink.report(selector->span,
                  fmt::format("{} selects no pod template of this file: no workload in "
                              "namespace `{}` has all the labels of its selector",
                              o.describe(), o.namespace_.empty() ? "default" : o.namespace_));
    }
  }
};

INFRALINT_REGISTER_RULE(ServiceSelectsNoPods);

}  // namespace
}  // namespace infralint
