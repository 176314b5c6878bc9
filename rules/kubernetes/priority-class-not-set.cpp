#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A pod template (any workload kind, or a Pod) without `priorityClassName`, or — when the option
`accepted` lists class names — with a class not in that list. Opt-in: clusters without
PriorityClasses gain nothing from it.

## Why it matters
Without a priority class every pod has priority 0: when the cluster is full, the scheduler
cannot preempt a batch job to place a user-facing replica, and under node pressure the kubelet
evicts them with no regard for importance. Naming the class also documents how critical the
workload is.

## Example
```yaml
spec:
  template:
    spec:
      containers: [...]
```

## Fixed
```yaml
spec:
  template:
    spec:
      priorityClassName: business-critical
      containers: [...]
```

No automatic fix: the class must exist in the cluster, and which one fits is the team's call.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/priority-class-not-set",
    .title = "Pod without an accepted priority class",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"polaris:priorityClassNotSet", "kube-linter:priority-class-name"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .options = {{"accepted", OptionType::strings,
                 "The priority class names pods may use (default: any non-empty name)."}},
    .opt_in = true,
};

class PriorityClassNotSet final : public KubernetesObjectRule {
 public:
  PriorityClassNotSet() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.pod_spec || !o.pod_spec->is_mapping()) return;
    const yaml::Node* name = o.pod_spec->get("priorityClassName");
    auto value = scalar_text(name);
    if (!value || value->empty()) {
      sink.report(o.span(), fmt::format("{} sets no `priorityClassName`: its pods have priority "
                                        "0, preempted and evicted like any batch job; name the "
                                        "PriorityClass that fits it",
                                        o.describe()));
      return;
    }
    const auto* accepted = sink.options().strings("accepted");
    if (!accepted || std::find(accepted->begin(), accepted->end(), *value) != accepted->end())
      return;
    sink.report(name->span, fmt::format("{} uses priority class `{}`, which is not one of the "
                                        "accepted classes ({})",
                                        o.describe(), *value, fmt::join(*accepted, ", ")));
  }
};

INFRALINT_REGISTER_RULE(PriorityClassNotSet);

}  // namespace
}  // namespace infralint
