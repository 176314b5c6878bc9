#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A rule whose `expr` is not valid PromQL: a syntax error, an unknown function, a wrong number
or type of arguments (`rate(foo)` needs a range vector), a comparison between two scalars
without `bool`, a selector that matches every series (`{job=~".*"}`), a range on something
that is not a selector. The finding points at the offending token inside the expression, at
its line and column in the file, with Prometheus' own wording.

infralint follows the Prometheus 3.x grammar with default feature flags: experimental
functions (`limitk`, `sort_by_label`, `double_exponential_smoothing`, ...) and duration
arithmetic are rejected as Prometheus rejects them; `holt_winters`, removed in 3.0, is unknown.

## Why it matters
Prometheus refuses to load the whole rule file, so none of its alerts are evaluated.
`promtool check rules` fails in CI; without it, the error surfaces only at reload time.

## Example
```yaml
groups:
  - name: api
    rules:
      - alert: HighErrorRate
        expr: rate(http_requests_total{code=~"5.."}) > 1
```

## Fixed
```yaml
groups:
  - name: api
    rules:
      - alert: HighErrorRate
        expr: rate(http_requests_total{code=~"5.."}[5m]) > 1
```

No automatic fix: the intended expression is not known.
)md";

const RuleMeta kMeta{
    .id = "prometheus/invalid-promql",
    .title = "Rule expression is not valid PromQL",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"pint:promql/syntax"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

class InvalidPromql final : public PrometheusRuleCheck {
 public:
  InvalidPromql() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document&, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.expr || rule.expr->text.text().empty()) return;  // invalid-rule-file reports it
    for (const ParseError& e : rule.expr->parsed.errors) {
      Span span = rule.expr->to_file(e.span);
      if (span.empty() && e.span.begin >= rule.expr->text.text().size()) {
        // At the end of the expression: underline its last byte.
        Span last = rule.expr->to_file({e.span.begin > 0 ? e.span.begin - 1 : 0, e.span.begin});
        span = last;
      }
      sink.report(span, "invalid PromQL: " + e.message);
    }
  }
};

INFRALINT_REGISTER_RULE(InvalidPromql);

}  // namespace
}  // namespace infralint
