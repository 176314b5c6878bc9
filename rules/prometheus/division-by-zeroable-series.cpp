#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A division (or `%`) whose divisor is a series known to be 0 in normal operation, used
without a guard:

| metric | is 0 when |
|---|---|
| `container_spec_memory_limit_bytes`, `container_spec_memory_swap_limit_bytes` | the container has no memory limit |
| `container_spec_cpu_quota` | the container has no CPU limit |
| `kube_deployment_spec_replicas`, `kube_statefulset_replicas` | the workload is scaled to zero |

A divisor filtered with a comparison (`x > 0`, `x != 0`) or clamped (`clamp_min(x, 1)`) is
not reported.

## Why it matters
Dividing by 0 gives `+Inf` (or `NaN` for 0/0). `usage / limit * 100 > 80` is then true for
every container without a limit: the alert fires for all of them, permanently, and is soon
silenced — hiding the containers that really are near their limit.

## Example
```yaml
- alert: HighMemoryUsage
  expr: (container_memory_usage_bytes / container_spec_memory_limit_bytes) * 100 > 80
```

## Fixed
```yaml
- alert: HighMemoryUsage
  expr: (container_memory_usage_bytes / (container_spec_memory_limit_bytes > 0)) * 100 > 80
```

Unsafe fix: the divisor gets `> 0`, which drops the series without a limit from the result.
That changes what the rule returns (on purpose); review that nothing relied on the `+Inf`.
)md";

const RuleMeta kMeta{
    .id = "prometheus/division-by-zeroable-series",
    .title = "Division by a series that is 0 in normal operation",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"pint:promql/nan"},
    .fix = FixAvailability::sometimes,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

struct ZeroableMetric {
  std::string_view name;
  std::string_view when;
};
constexpr ZeroableMetric kZeroable[] = {
    {"container_spec_memory_limit_bytes", "for containers without a memory limit"},
    {"container_spec_memory_swap_limit_bytes", "for containers without a swap limit"},
    {"container_spec_cpu_quota", "for containers without a CPU limit"},
    {"kube_deployment_spec_replicas", "for deployments scaled to zero"},
    {"kube_statefulset_replicas", "for statefulsets scaled to zero"},
};

// The zero-able selector the divisor reduces to (through parentheses and aggregations that
// keep zeros), or null when it is guarded or not one of them.
const promql::Expr* zeroable_divisor(const promql::Expr& e, const ZeroableMetric*& metric) {
  using promql::ExprKind;
  switch (e.kind) {
    case ExprKind::vector_selector:
      for (const auto& m : kZeroable) {
        if (e.metric_name == m.name) {
          metric = &m;
          return &e;
        }
      }
      return nullptr;
    case ExprKind::paren:
      return zeroable_divisor(*e.children[0], metric);
    case ExprKind::aggregate:
      if (e.aggregation == "sum" || e.aggregation == "max" || e.aggregation == "min" ||
          e.aggregation == "avg")
        return zeroable_divisor(*e.children[0], metric);
      return nullptr;
    default:
      return nullptr;
  }
}

class DivisionByZeroableSeries final : public PrometheusRuleCheck {
 public:
  DivisionByZeroableSeries() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document& doc, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.expr || !rule.expr->expr()) return;
    const EmbeddedPromql& embedded = *rule.expr;
    promql::walk(*embedded.expr(), [&](const promql::Expr& e) {
      if (e.kind != promql::ExprKind::binary ||
          (e.op != promql::BinaryOp::div && e.op != promql::BinaryOp::mod))
        return;
      const promql::Expr& divisor = *e.children[1];
      const ZeroableMetric* metric = nullptr;
      const promql::Expr* selector = zeroable_divisor(divisor, metric);
      if (!selector) return;
      std::string message = fmt::format(
          "{} `{}` divides by `{}`, which is 0 {}: the result is +Inf{}; guard the divisor "
          "with `> 0`",
          rule.alerting() ? "alert" : "recording rule", rule.name, metric->name, metric->when,
          rule.alerting() ? " and the alert fires for every one of them" : "");
      Span selector_span = embedded.to_file(selector->span);
      auto fix = guard(doc, embedded, divisor);
      if (fix) {
        sink.report(selector_span, message, std::move(*fix));
      } else {
        sink.report(selector_span, message);
      }
    });
  }

 private:
  // `x` → `(x > 0)`, `(x)` → `(x > 0)`: an edit of the divisor's own bytes in the file, made
  // only when they map one to one onto the expression text.
  static std::optional<Fix> guard(const Document& doc, const EmbeddedPromql& embedded,
                                  const promql::Expr& divisor) {
    const std::string& text = embedded.text.text();
    std::string_view local = std::string_view(text).substr(divisor.span.begin, divisor.span.size());
    Span file = embedded.to_file(divisor.span);
    if (doc.slice(file) != local) return std::nullopt;
    Edit edit;
    if (divisor.kind == promql::ExprKind::paren) {
      const promql::Expr& inner = *divisor.children[0];
      Span inner_file = embedded.to_file(inner.span);
      edit = {{inner_file.end, inner_file.end}, " > 0"};
    } else {
      edit = {file, fmt::format("({} > 0)", local)};
    }
    return Fix{"guard the divisor with `> 0`", {edit}, Applicability::unsafe};
  }
};

INFRALINT_REGISTER_RULE(DivisionByZeroableSeries);

}  // namespace
}  // namespace infralint
