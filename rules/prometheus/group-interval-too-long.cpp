#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A rule group evaluated less often than every 5 minutes (`interval: 10m`), the default
staleness window (`--query.lookback-delta`) of Prometheus.

## Why it matters
A recorded sample older than 5 minutes is stale: between two evaluations the recorded
series disappears from instant queries, dashboards show gaps, and alerts built on it resolve
and fire again. Alerts of the group itself flap unless `keep_firing_for` covers the interval.

## Example
```yaml
groups:
  - name: capacity
    interval: 15m
```

## Fixed
```yaml
groups:
  - name: capacity
    interval: 5m
```

No automatic fix: a long interval may be deliberate for an expensive query (then record it
with a shorter interval or raise the lookback delta).
)md";

const RuleMeta kMeta{
    .id = "prometheus/group-interval-too-long",
    .title = "Rule group interval longer than the 5m staleness window",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"pint:group/interval"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

constexpr std::int64_t kLookbackDelta = 5 * 60 * 1000;

class GroupIntervalTooLong final : public Rule {
 public:
  GroupIntervalTooLong() : Rule(kMeta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    const PrometheusModel* model = prometheus_model(doc);
    if (!model) return;
    for (const RuleGroup& g : model->groups) {
      if (!g.interval_ms || *g.interval_ms <= kLookbackDelta) continue;
      const yaml::Node* interval = g.node->get("interval");
      sink.report(interval ? interval->span : g.span,
                  fmt::format("group `{}` is evaluated every {}, longer than the 5m staleness "
                              "window: its recorded series go stale between evaluations and its "
                              "alerts flap; use at most 5m",
                              g.name, promql::format_duration(*g.interval_ms)));
    }
  }
};

INFRALINT_REGISTER_RULE(GroupIntervalTooLong);

}  // namespace
}  // namespace infralint
