#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An alerting rule whose query has no comparison (`rate(errors_total[5m])` instead of
`rate(errors_total[5m]) > 1`), or only `bool` comparisons (`up == bool 0`, which returns 0 or
1 for every series, never filters). `absent()` and `absent_over_time()` alerts, which fire on
absence by design, and `vector(1)` dead man's switches (Watchdog) are not reported.

## Why it matters
An alert fires for every series its query returns. Without a condition that is every series
that exists: the alert is permanently firing, and soon permanently silenced.

## Example
```yaml
- alert: HighErrorRate
  expr: sum by (job) (rate(http_errors_total[5m]))
```

## Fixed
```yaml
- alert: HighErrorRate
  expr: sum by (job) (rate(http_errors_total[5m])) > 1
```

No automatic fix: the threshold is not known.
)md";

const RuleMeta kMeta{
    .id = "prometheus/alert-without-condition",
    .title = "Alert query without a condition",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"pint:alerts/comparison"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

// Whether the query filters series: a comparison without `bool` on the path that decides the
// result (through parentheses, set operators and arithmetic), or an absent() call.
bool has_condition(const promql::Expr& e, bool& only_bool) {
  using promql::ExprKind;
  switch (e.kind) {
    case ExprKind::paren:
      return has_condition(*e.children[0], only_bool);
    case ExprKind::call:
      // vector(1) is an always-firing alert on purpose (a dead man's switch such as Watchdog).
      return e.func && (e.func->name == "absent" || e.func->name == "absent_over_time" ||
                        e.func->name == "vector");
    case ExprKind::aggregate:
      // topk/bottomk/limitk filter too; other aggregations keep what their input keeps.
      return e.aggregation == "topk" || e.aggregation == "bottomk" ||
             has_condition(*e.children[0], only_bool);
    case ExprKind::binary:
      if (promql::is_comparison(e.op)) {
        if (!e.return_bool) return true;
        only_bool = true;
        return false;
      }
      if (e.op == promql::BinaryOp::lor)
        return has_condition(*e.children[0], only_bool) && has_condition(*e.children[1], only_bool);
      if (e.op == promql::BinaryOp::land || e.op == promql::BinaryOp::lunless)
        return has_condition(*e.children[0], only_bool) ||
               (e.op == promql::BinaryOp::land && has_condition(*e.children[1], only_bool)) ||
               e.op == promql::BinaryOp::lunless;
      return has_condition(*e.children[0], only_bool) || has_condition(*e.children[1], only_bool);
    default:
      return false;
  }
}

class AlertWithoutCondition final : public PrometheusRuleCheck {
 public:
  AlertWithoutCondition() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document&, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.alerting() || !rule.expr || !rule.expr->expr()) return;
    bool only_bool = false;
    if (has_condition(*rule.expr->expr(), only_bool)) return;
    Span span = rule.expr->to_file(rule.expr->expr()->span);
    if (only_bool) {
      sink.report(span, fmt::format("alert `{}` compares with `bool`, which returns 0 or 1 for "
                                    "every series instead of filtering: the alert always fires; "
                                    "drop `bool`",
                                    rule.name));
    } else {
      sink.report(span, fmt::format("alert `{}` has no condition: it fires for every series the "
                                    "query returns; add a comparison such as `> 0`",
                                    rule.name));
    }
  }
};

INFRALINT_REGISTER_RULE(AlertWithoutCondition);

}  // namespace
}  // namespace infralint
