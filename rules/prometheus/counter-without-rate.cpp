#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A counter — a metric whose name ends in `_total`, the Prometheus naming convention for
counters — used for its raw value: compared, summed, divided or averaged without `rate()`,
`irate()` or `increase()` around it.

Not reported where the raw value is the point or does not matter: inside `resets()`,
`changes()`, `absent()`, `absent_over_time()`, `present_over_time()`, `count_over_time()`,
`timestamp()`, `count` and `group` aggregations, the right-hand side of `and`/`unless`,
arithmetic with an `offset` copy of a series (`x_total - x_total offset 1h`, a hand-written
increase), and divisors: `inodes_free / inodes_total` divides by a capacity, a gauge whose
exporter named it `_total`. The name is the only evidence without a live server (pint asks
the server's metadata API), so a gauge named like a counter is reported: suppress it there.

## Why it matters
A counter's value is the total since the process started: it only grows, and drops to 0 on
every restart. `http_errors_total > 100` fires forever once a long-running process has seen
100 errors, and stops after a deploy; `sum(x_total)` mixes processes of different ages. The
question is almost always "how many per second, lately", which is `rate()`.

## Example
```yaml
- alert: TooManyErrors
  expr: http_errors_total{job="api"} > 100
```

## Fixed
```yaml
- alert: TooManyErrors
  expr: rate(http_errors_total{job="api"}[5m]) > 0.5
```

No automatic fix: the range and the new threshold are decisions.
)md";

const RuleMeta kMeta{
    .id = "prometheus/counter-without-rate",
    .title = "Counter used without rate() or increase()",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"pint:promql/counter"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

// Functions that turn a counter into a rate, or read something other than its value.
constexpr std::array<std::string_view, 10> kCounterSafeFunctions{
    "rate",          "irate",           "increase",          "resets",          "changes",
    "absent",        "absent_over_time", "present_over_time", "count_over_time", "timestamp"};

bool is_counter_name(std::string_view name) { return name.ends_with("_total"); }

bool has_offset_selector(const promql::Expr& e) {
  bool found = false;
  promql::walk(e, [&](const promql::Expr& n) {
    if ((n.kind == promql::ExprKind::vector_selector || n.kind == promql::ExprKind::subquery) &&
        n.offset_ms)
      found = true;
  });
  return found;
}

class CounterWithoutRate final : public PrometheusRuleCheck {
 public:
  CounterWithoutRate() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document&, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.expr || !rule.expr->expr()) return;
    visit(*rule.expr, rule, *rule.expr->expr(), false, sink);
  }

 private:
  // `safe`: an enclosing expression makes the raw value harmless.
  static void visit(const EmbeddedPromql& embedded, const PrometheusRule& rule,
                    const promql::Expr& e, bool safe, FindingSink& sink) {
    using promql::ExprKind;
    switch (e.kind) {
      case ExprKind::vector_selector:
        if (!safe && is_counter_name(e.metric_name)) report(embedded, rule, e, sink);
        return;
      case ExprKind::call:
        if (e.func && std::find(kCounterSafeFunctions.begin(), kCounterSafeFunctions.end(),
                                e.func->name) != kCounterSafeFunctions.end())
          safe = true;
        break;
      case ExprKind::aggregate:
        if (e.aggregation == "count" || e.aggregation == "group") safe = true;
        break;
      case ExprKind::binary:
        if (e.children.size() == 2 && e.children[0] && e.children[1]) {
          bool by_offset = has_offset_selector(*e.children[0]) || has_offset_selector(*e.children[1]);
          // `and`/`unless` ignore the right side's values; a divisor ending in `_total` is
          // nearly always a capacity (`inodes_free / inodes_total`), a gauge despite its name.
          bool ignores_right = e.op == promql::BinaryOp::land ||
                               e.op == promql::BinaryOp::lunless || e.op == promql::BinaryOp::div;
          visit(embedded, rule, *e.children[0], safe || by_offset, sink);
          visit(embedded, rule, *e.children[1], safe || by_offset || ignores_right, sink);
          return;
        }
        break;
      default:
        break;
    }
    if (e.param) visit(embedded, rule, *e.param, safe, sink);
    for (const auto& child : e.children)
      if (child) visit(embedded, rule, *child, safe, sink);
  }

  static void report(const EmbeddedPromql& embedded, const PrometheusRule& rule,
                     const promql::Expr& selector, FindingSink& sink) {
    Span at = embedded.to_file(selector.name_span.empty() ? selector.span : selector.name_span);
    sink.report(at, fmt::format("`{}` is a counter (its name ends in `_total`) and {} `{}` uses "
                                "its raw value, a total since the process started that only "
                                "grows and resets on restart; use `rate({}[5m])` or "
                                "`increase(...)`",
                                selector.metric_name, rule.alerting() ? "alert" : "recording rule",
                                rule.name, selector.metric_name));
  }
};

INFRALINT_REGISTER_RULE(CounterWithoutRate);

}  // namespace
}  // namespace infralint
