#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Service whose `selector` matches the pod template labels of no workload of the files linted
together (one file or a whole directory of manifests: a Service in one file and its Deployment
in another are linked), when those files define workloads in the Service's namespace (a Service
whose pods are all defined elsewhere is not judged, as in kube-linter). Services without a selector (backed by manual Endpoints) are skipped.

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

// The matching lives in the stack (src/model/stack): a Service and its Deployment in two files
// of one run are linked, not flagged.
class ServiceSelectsNoPods final : public StackRule {
 public:
  ServiceSelectsNoPods() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::selects || e.problem != stack::Problem::selects_nothing)
        continue;
      sink.report(e.from, fmt::format("{} selects no pod template of the linted files: no "
                                      "workload in namespace `{}` has all the labels of its "
                                      "selector",
                                      e.name, e.ns.empty() ? "default" : e.ns));
    }
  }
};

INFRALINT_REGISTER_RULE(ServiceSelectsNoPods);

}  // namespace
}  // namespace infralint
