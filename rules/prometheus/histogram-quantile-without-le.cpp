#include <fmt/format.h>

#include <algorithm>

#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`histogram_quantile()` over classic histogram buckets (`*_bucket`) aggregated without keeping
the `le` label: `sum by (job) (rate(x_bucket[5m]))` or `sum without (le) (...)`.

## Why it matters
`histogram_quantile` needs one series per bucket boundary, told apart by `le`. With `le`
aggregated away there are no buckets left: the result is empty (or NaN) and an alert on it
never fires.

## Example
```yaml
expr: histogram_quantile(0.95, sum by (job) (rate(http_request_duration_seconds_bucket[5m]))) > 1
```

## Fixed
```yaml
expr: histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m]))) > 1
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "prometheus/histogram-quantile-without-le",
    .title = "histogram_quantile over an aggregation that drops `le`",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

bool reads_buckets(const promql::Expr& e) {
  bool found = false;
  promql::walk(e, [&](const promql::Expr& n) {
    found = found ||
            (n.kind == promql::ExprKind::vector_selector && n.metric_name.ends_with("_bucket"));
  });
  return found;
}

// The first aggregation on the path to the buckets, when it removes `le`.
const promql::Expr* dropping_le(const promql::Expr& e) {
  using promql::ExprKind;
  switch (e.kind) {
    case ExprKind::paren:
      return dropping_le(*e.children[0]);
    case ExprKind::aggregate: {
      bool kept = e.without
                      ? std::find(e.grouping.begin(), e.grouping.end(), "le") == e.grouping.end()
                      : std::find(e.grouping.begin(), e.grouping.end(), "le") != e.grouping.end();
      if (e.aggregation == "topk" || e.aggregation == "bottomk") return dropping_le(*e.children[0]);
      if (!kept && reads_buckets(*e.children[0])) return &e;
      return nullptr;
    }
    case ExprKind::binary: {
      const promql::Expr* l = dropping_le(*e.children[0]);
      return l ? l : dropping_le(*e.children[1]);
    }
    default:
      return nullptr;
  }
}

class HistogramQuantileWithoutLe final : public PrometheusRuleCheck {
 public:
  HistogramQuantileWithoutLe() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document&, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.expr || !rule.expr->expr()) return;
    promql::walk(*rule.expr->expr(), [&](const promql::Expr& e) {
      if (e.kind != promql::ExprKind::call || !e.func || e.func->name != "histogram_quantile" ||
          e.children.size() != 2)
        return;
      const promql::Expr* agg = dropping_le(*e.children[1]);
      if (!agg) return;
      Span span = rule.expr->to_file(agg->has_grouping ? agg->grouping_span : agg->op_span);
      sink.report(span, fmt::format("`{}` removes the `le` label before histogram_quantile(): "
                                    "no buckets are left and the result is empty; keep `le` in "
                                    "the grouping",
                                    agg->aggregation));
    });
  }
};

INFRALINT_REGISTER_RULE(HistogramQuantileWithoutLe);

}  // namespace
}  // namespace infralint
