#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A workload whose update strategy is explicitly not a rolling update: a Deployment with
`strategy.type: Recreate`, a DaemonSet or StatefulSet with `updateStrategy.type: OnDelete`.
Absent strategies default to `RollingUpdate` and are fine. Opt-in: `Recreate` is the right
choice for a workload that must never run two versions at once (a database schema owner, a
single-writer volume).

## Why it matters
`Recreate` stops every old pod before starting a new one: each rollout is an outage, and a new
version that fails to start leaves nothing running. `OnDelete` never rolls out at all: pods keep
the old template until someone deletes them, so a fix you applied is silently not running.

## Example
```yaml
kind: Deployment
spec:
  strategy:
    type: Recreate
```

## Fixed
```yaml
kind: Deployment
spec:
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
```

No automatic fix: whether two versions may run side by side is the author's knowledge.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/no-rolling-update",
    .title = "Workload does not use a rolling update",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"kube-linter:no-rolling-update-strategy", "kube-score:deployment-strategy"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .opt_in = true,
};

class NoRollingUpdate final : public KubernetesObjectRule {
 public:
  NoRollingUpdate() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (o.kind == "Deployment") {
      const yaml::Node* type = at_path(o.node, {"spec", "strategy", "type"});
      if (scalar_text(type) == "Recreate")
        sink.report(type->span, fmt::format("{} uses the `Recreate` strategy: every rollout stops "
                                            "all old pods first, an outage; use `RollingUpdate` "
                                            "unless two versions must never run together",
                                            o.describe()));
    } else if (o.kind == "DaemonSet" || o.kind == "StatefulSet") {
      const yaml::Node* type = at_path(o.node, {"spec", "updateStrategy", "type"});
      if (scalar_text(type) == "OnDelete")
        sink.report(type->span, fmt::format("{} uses the `OnDelete` update strategy: a changed "
                                            "template reaches no pod until each is deleted by "
                                            "hand; use `RollingUpdate`",
                                            o.describe()));
    }
  }
};

INFRALINT_REGISTER_RULE(NoRollingUpdate);

}  // namespace
}  // namespace infralint
