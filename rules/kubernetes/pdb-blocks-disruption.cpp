#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_relations.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A PodDisruptionBudget that allows no voluntary disruption at all:
- `maxUnavailable: 0` or `"0%"`;
- `minAvailable: "100%"`;
- `minAvailable` at least the replica count of a workload it selects in the linted files
  (`replicas`, 1 when unset; the `minReplicas` of an autoscaler targeting it when there is
  one) — the typical case being a single-replica Deployment with `minAvailable: 1`.

## Why it matters
`kubectl drain` then waits forever: node upgrades, autoscaler scale-downs and spot
replacements stall until someone deletes the budget by hand, at the worst moment.

## Example
```yaml
kind: Deployment
spec:
  replicas: 1
---
kind: PodDisruptionBudget
spec:
  minAvailable: 1
```

## Fixed
Run at least two replicas, or use `maxUnavailable: 1`.

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/pdb-blocks-disruption",
    .title = "PodDisruptionBudget allows no disruption",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"kube-linter:pdb-max-unavailable", "kube-linter:pdb-min-available",
                "polaris:pdbDisruptionsIsZero"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

// The replicas a workload keeps, and where that number is written.
std::pair<std::int64_t, const yaml::Node*> replicas_of(const k8s::Object& w,
                                                       const std::vector<k8s::Object>& objects) {
  for (const k8s::Object& o : objects)
    if (o.kind == "HorizontalPodAutoscaler" && o.namespace_ == w.namespace_ &&
        scalar_text(at_path(o.node, {"spec", "scaleTargetRef", "name"})) == w.name &&
        scalar_text(at_path(o.node, {"spec", "scaleTargetRef", "kind"})) == w.kind) {
      const yaml::Node* min = at_path(o.node, {"spec", "minReplicas"});
      return {scalar_int(min).value_or(1), min ? min : o.name_node};
    }
  const yaml::Node* replicas = at_path(w.node, {"spec", "replicas"});
  return {scalar_int(replicas).value_or(1), replicas ? replicas : w.name_node};
}

class PdbBlocksDisruption final : public KubernetesStreamRule {
 public:
  PdbBlocksDisruption() : KubernetesStreamRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const std::vector<k8s::Object>& objects,
             FindingSink& sink) const override {
    for (const k8s::Object& o : objects) {
      if (o.kind != "PodDisruptionBudget") continue;
      const yaml::Node* max = at_path(o.node, {"spec", "maxUnavailable"});
      const yaml::Node* min = at_path(o.node, {"spec", "minAvailable"});
      auto max_text = scalar_text(max);
      auto min_text = scalar_text(min);
      if (max_text == "0" || max_text == "0%") {
        sink.report(max->span, fmt::format("{} allows no pod to be unavailable, so no node it "
                                           "runs on can be drained",
                                           o.describe()));
      } else if (min_text == "100%") {
        sink.report(min->span, fmt::format("{} requires every pod to stay available, so no node "
                                           "it runs on can be drained",
                                           o.describe()));
      } else if (auto need = scalar_int(min)) {
        const yaml::Node* selector = at_path(o.node, {"spec", "selector"});
        for (const k8s::Object* w :
             k8s::workloads_selected(objects, o.namespace_, selector, false)) {
          if (w->kind == "DaemonSet" || w->kind == "Pod" || w->kind == "Job" ||
              w->kind == "CronJob")
            continue;
          auto [replicas, where] = replicas_of(*w, objects);
          if (*need < replicas) continue;
          Finding& f =
              sink.report(min->span, fmt::format("{} requires {} available pods but {} runs {}, so "
                                                 "no node it runs on can be drained; run more "
                                                 "replicas or use `maxUnavailable: 1`",
                                                 o.describe(), *need, w->describe(), replicas));
          if (where)
            f.related.push_back({where->span, fmt::format("replicas of {}", w->describe())});
        }
      }
    }
  }
};

INFRALINT_REGISTER_RULE(PdbBlocksDisruption);

}  // namespace
}  // namespace infralint
