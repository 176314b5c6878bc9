#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A recording rule whose name does not follow Prometheus' naming convention
`level:metric:operations` (<https://prometheus.io/docs/practices/rules/>) at all: no colon,
e.g. `http_requests_rate5m` instead of `job:http_requests:rate5m`. Names with colons in a
variant layout (`apiserver_request:burnrate5m`, `:thanos_objstore_failures:sum_rate`) are not
reported: the colon already marks the series as recorded.

## Why it matters
The colons tell a reader (and a query author) that the series is recorded, which labels it
keeps (`level`), what it is derived from (`metric`) and how (`operations`). Without them a
recorded series is mistaken for a raw metric, and the same aggregation gets recorded twice.

## Example
```yaml
- record: http_requests_rate5m
  expr: sum by (job) (rate(http_requests_total[5m]))
```

## Fixed
```yaml
- record: job:http_requests:rate5m
  expr: sum by (job) (rate(http_requests_total[5m]))
```

No automatic fix: renaming a series breaks the dashboards and alerts that read it.
)md";

const RuleMeta kMeta{
    .id = "prometheus/recording-rule-name-convention",
    .title = "Recording rule not named level:metric:operations",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .aliases = {"pint:rule/name"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

class RecordingRuleNameConvention final : public PrometheusRuleCheck {
 public:
  RecordingRuleNameConvention() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document&, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.recording()) return;
    // Only names without any colon: `level:metric` (kube-prometheus' apiserver_request:burnrate5m)
    // and a leading `:` (Thanos' mixins) are common, deliberate variants of the convention.
    const std::string& n = rule.name;
    if (n.find(':') != std::string::npos) return;
    sink.report(rule.name_span,
                fmt::format("recording rule `{}` is not named level:metric:operations (e.g. "
                            "`job:http_requests:rate5m`)",
                            n));
  }
};

INFRALINT_REGISTER_RULE(RecordingRuleNameConvention);

}  // namespace
}  // namespace infralint
