#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
- A HorizontalPodAutoscaler whose `scaleTargetRef` (kind and name) names no object of the
  linted files;
- a PodDisruptionBudget whose selector matches no pod template of the linted files.

The target may be in another file of the run (the same repository); a close spelling of the
HPA's target is suggested. Judged only when the linted files define workloads in the object's
namespace.

## Why it matters
The autoscaler reports `FailedGetScale` and never scales; the budget protects nothing, so a
node drain takes every replica down at once. Both usually follow a rename.

## Example
```yaml
kind: HorizontalPodAutoscaler
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: api-server   # the Deployment is called `api`
```

## Fixed
```yaml
    name: api
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/hpa-or-pdb-targets-nothing",
    .title = "HorizontalPodAutoscaler or PodDisruptionBudget targets nothing",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"kube-linter:dangling-horizontalpodautoscaler",
                "kube-score:horizontalpodautoscaler-has-target"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

// The links live in the stack (src/model/stack/kubernetes_links.cpp): an autoscaler or budget
// and its workload in two files of one run are linked, not flagged.
class HpaOrPdbTargetsNothing final : public StackRule {
 public:
  HpaOrPdbTargetsNothing() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind == stack::EdgeKind::scales && e.problem == stack::Problem::undefined) {
        Finding& f = sink.report(
            e.from, fmt::format("{} scales {} `{}`, which the linted files do not define{}",
                                e.subject, e.target_kind, e.name, sink.suggestion_hint(e, "")));
        sink.relate_suggestion(f, e, fmt::format("{} `{}` is defined here", e.target_kind,
                                                 e.suggestion));
      } else if (e.kind == stack::EdgeKind::protects &&
                 e.problem == stack::Problem::selects_nothing) {
        sink.report(e.from, fmt::format("{} selects no pod template of the linted files (namespace "
                                        "`{}`), so it protects nothing",
                                        e.subject, e.ns.empty() ? "default" : e.ns));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(HpaOrPdbTargetsNothing);

}  // namespace
}  // namespace infralint
