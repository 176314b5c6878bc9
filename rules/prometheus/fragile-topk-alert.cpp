#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An alerting rule whose result comes from `topk` or `bottomk` (or the experimental `limitk`
and `limit_ratio`). Not reported: `topk` on the side of a join that only supplies labels
(`* on(pod) group_left(owner) topk by (pod) (1, ...)`), and `topk by (...) (1, ...)`, which
keeps one series per group (a de-duplication idiom).

## Why it matters
Which series are the top k changes from one evaluation to the next. Each change resolves the
alert for the series that dropped out and fires it anew for the one that came in: the alert
flaps, `for` never completes for anyone, and notifications arrive in bursts.

## Example
```yaml
- alert: TopCpuConsumer
  expr: topk(3, rate(container_cpu_usage_seconds_total[5m])) > 0.9
```

## Fixed
```yaml
- alert: HighCpu
  expr: rate(container_cpu_usage_seconds_total[5m]) > 0.9
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "prometheus/fragile-topk-alert",
    .title = "Alert on topk/bottomk, which flaps",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"pint:promql/fragile"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

// topk/bottomk whose output becomes the alert's series: reached from the root through
// parentheses, aggregations and operators, but not through the side of a join that only
// supplies labels (the `one` side of group_left/group_right, the right of and/unless).
void on_output_path(const promql::Expr& e, std::vector<const promql::Expr*>& out) {
  using promql::ExprKind;
  switch (e.kind) {
    case ExprKind::paren:
    case ExprKind::unary:
      on_output_path(*e.children[0], out);
      return;
    case ExprKind::aggregate: {
      const std::string& a = e.aggregation;
      bool selecting = a == "topk" || a == "bottomk" || a == "limitk" || a == "limit_ratio";
      // topk by (...) (1, ...) picks one series per group: a de-duplication idiom, stable as
      // long as the groups are.
      bool dedup = (a == "topk" || a == "bottomk") && e.has_grouping && !e.without && e.param &&
                   e.param->kind == ExprKind::number && e.param->number == 1;
      if (selecting && !dedup) out.push_back(&e);
      on_output_path(*e.children[0], out);
      return;
    }
    case ExprKind::binary: {
      using promql::BinaryOp;
      using promql::Cardinality;
      auto card = e.matching ? e.matching->card : Cardinality::one_to_one;
      bool left = card != Cardinality::one_to_many;
      bool right =
          card != Cardinality::many_to_one && e.op != BinaryOp::land && e.op != BinaryOp::lunless;
      if (left) on_output_path(*e.children[0], out);
      if (right) on_output_path(*e.children[1], out);
      return;
    }
    default:
      return;
  }
}

class FragileTopkAlert final : public PrometheusRuleCheck {
 public:
  FragileTopkAlert() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document&, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.alerting() || !rule.expr || !rule.expr->expr()) return;
    std::vector<const promql::Expr*> found;
    on_output_path(*rule.expr->expr(), found);
    for (const promql::Expr* e : found) {
      sink.report(rule.expr->to_file(e->op_span),
                  fmt::format("alert `{}` uses {}(): the selected series change between "
                              "evaluations, so the alert flaps; alert on a threshold instead",
                              rule.name, e->aggregation));
    }
  }
};

INFRALINT_REGISTER_RULE(FragileTopkAlert);

}  // namespace
}  // namespace infralint
