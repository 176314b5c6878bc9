#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`rate()`, `irate()` or `increase()` over a metric that is a gauge by Prometheus' naming
conventions: a name ending in `_ratio`, `_percent`, `_celsius`, `_info` or
`_timestamp_seconds` (and not in `_total`, `_count`, `_sum`, `_bucket`), `up`, and the
`_bytes` gauges of well-known families (`node_memory_*_bytes`, `container_memory_*_bytes`,
`node_filesystem_*_bytes`, `process_resident_memory_bytes`, `go_memstats_alloc_bytes`, ...).
Other `_bytes` names are not reported: older exporters name byte counters without `_total`.
Counters end in `_total` (or are the `_count`/`_sum`/`_bucket` series of a summary or
histogram).

## Why it matters
`rate()` treats every decrease as a counter reset: for a gauge that goes up and down (memory
in use, a temperature), each drop adds the whole current value to the result. The rate is
wrong by orders of magnitude, and alerts on it fire at random. A gauge's change is
`deriv()` (per second) or `delta()` (over the range).

## Example
```yaml
expr: rate(process_resident_memory_bytes[5m]) > 1e6
```

## Fixed
```yaml
expr: deriv(process_resident_memory_bytes[5m]) > 1e6
```

No automatic fix: whether `deriv` or `delta` is meant is not known, and an exporter may
break the naming conventions.
)md";

const RuleMeta kMeta{
    .id = "prometheus/rate-on-gauge",
    .title = "rate()/increase() over a gauge",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"pint:promql/rate"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

bool gauge_by_name(std::string_view name) {
  if (name == "up") return true;
  for (std::string_view counter : {"_total", "_count", "_sum", "_bucket"})
    if (name.ends_with(counter)) return false;
  for (std::string_view gauge : {"_ratio", "_percent", "_celsius", "_info", "_timestamp_seconds"})
    if (name.ends_with(gauge)) return true;
  // `_bytes` alone is not enough: older exporters name byte counters without `_total`
  // (junos_interface_transmit_bytes). These families are gauges in every version.
  for (std::string_view family : {"node_memory_", "container_memory_", "node_filesystem_"})
    if (name.starts_with(family) && name.ends_with("_bytes")) return true;
  for (std::string_view gauge :
       {"process_resident_memory_bytes", "process_virtual_memory_bytes", "go_memstats_alloc_bytes",
        "go_memstats_heap_alloc_bytes", "go_memstats_heap_inuse_bytes"})
    if (name == gauge) return true;
  return false;
}

class RateOnGauge final : public PrometheusRuleCheck {
 public:
  RateOnGauge() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document&, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.expr || !rule.expr->expr()) return;
    promql::walk(*rule.expr->expr(), [&](const promql::Expr& e) {
      if (e.kind != promql::ExprKind::call || !e.func || e.children.size() != 1) return;
      std::string_view f = e.func->name;
      if (f != "rate" && f != "irate" && f != "increase") return;
      const promql::Expr& arg = *e.children[0];
      if (arg.kind != promql::ExprKind::matrix_selector) return;
      const promql::Expr& selector = *arg.children[0];
      if (!gauge_by_name(selector.metric_name)) return;
      sink.report(rule.expr->to_file(e.op_span),
                  fmt::format("{}() over `{}`, a gauge by its name: every decrease counts as a "
                              "counter reset and the result is wrong; use {}() for a gauge",
                              f, selector.metric_name, f == "increase" ? "delta" : "deriv"));
    });
  }
};

INFRALINT_REGISTER_RULE(RateOnGauge);

}  // namespace
}  // namespace infralint
