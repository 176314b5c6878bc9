#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An entry of a pod spec's `topologySpreadConstraints` that is invalid or does nothing:
- `maxSkew` missing, not a number, or not above 0 (rejected by the API server);
- `minDomains` set to 0 or less (rejected);
- `topologyKey` missing or empty (rejected);
- `whenUnsatisfiable` missing or other than `DoNotSchedule` / `ScheduleAnyway` (rejected);
- `labelSelector` missing (a warning: accepted, but the constraint then counts no pod and
  spreads nothing).

Every pod-template kind is checked, CronJobs included.

## Why it matters
A rejected constraint fails the apply of the whole workload; a constraint without a selector
looks like high-availability configuration while every replica may still land in one zone.

## Example
```yaml
topologySpreadConstraints:
  - maxSkew: 0
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedul
```

## Fixed
```yaml
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: DoNotSchedule
    labelSelector:
      matchLabels:
        app: api
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/invalid-topology-spread",
    .title = "Invalid topology spread constraint",
    .severity = Severity::error,
    .categories = {Category::reliability, Category::correctness},
    .aliases = {"kube-score:pod-topology-spread-constraints"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class InvalidTopologySpread final : public KubernetesObjectRule {
 public:
  InvalidTopologySpread() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    const yaml::Node* list = o.pod_spec ? o.pod_spec->get("topologySpreadConstraints") : nullptr;
    if (!list || !list->is_sequence()) return;
    for (const yaml::Node* c : list->items) {
      if (!c->is_mapping()) continue;
      auto problem = [&](const yaml::Node* at, std::string what) -> Finding& {
        // A missing field: the constraint's first key, so the finding stays on one line.
        Span where = at ? at->span : c->pairs.empty() ? c->span : c->pairs.front().key->span;
        return sink.report(where,
                           fmt::format("topology spread constraint of {} {}", o.describe(), what));
      };
      const yaml::Node* skew = c->get("maxSkew");
      auto skew_value = scalar_int(skew);
      if (!skew)
        problem(nullptr, "sets no `maxSkew`: the API server rejects it; set `maxSkew: 1`");
      else if (!skew_value || *skew_value <= 0)
        problem(skew, "has a `maxSkew` that is not above 0: the API server rejects it; use 1");
      if (const yaml::Node* domains = c->get("minDomains"); domains && !domains->is_null()) {
        auto v = scalar_int(domains);
        if (!v || *v <= 0)
          problem(domains,
                  "has a `minDomains` that is not above 0: the API server rejects it; "
                  "remove it or set the number of domains to spread over");
      }
      const yaml::Node* key = c->get("topologyKey");
      if (auto k = scalar_text(key); !k || k->empty())
        problem(key,
                "has no `topologyKey`: the API server rejects it; name a node label such "
                "as `topology.kubernetes.io/zone`");
      const yaml::Node* when = c->get("whenUnsatisfiable");
      if (auto w = scalar_text(when); !w || (*w != "DoNotSchedule" && *w != "ScheduleAnyway"))
        problem(when, fmt::format("has {}: the API server rejects it; use `DoNotSchedule` or "
                                  "`ScheduleAnyway`",
                                  w ? fmt::format("`whenUnsatisfiable: {}`", *w)
                                    : std::string("no `whenUnsatisfiable`")));
      if (!c->get("labelSelector") || c->get("labelSelector")->is_null()) {
        Finding& f = problem(nullptr,
                             "has no `labelSelector`, so it counts no pod and spreads "
                             "nothing; select the workload's pod labels");
        f.severity = Severity::warning;
      }
    }
  }
};

INFRALINT_REGISTER_RULE(InvalidTopologySpread);

}  // namespace
}  // namespace infralint
