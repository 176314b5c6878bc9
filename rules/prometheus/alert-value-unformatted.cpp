#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"
#include "parse/gotemplate/template.hpp"
#include "parse/yaml/scalar_map.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An alert annotation printing the query's value as it is: `{{ $value }}` or `{{ .Value }}`
with no formatting in the same action, when the query computes a fraction: a division, a
rate (`rate`, `irate`, `increase`, `deriv`, `predict_linear`), an average or a quantile.
Counts (`count(...) > 3`) print as integers and are not reported.

## Why it matters
`$value` is a float64: a ratio renders as `0.8333333333333334`, a byte count as
`1.073741824e+09`. The notification is hard to read exactly when someone has to act on it.

## Example
```yaml
annotations:
  description: "Memory usage is {{ $value }}%"
```

## Fixed
```yaml
annotations:
  description: "Memory usage is {{ $value | printf `%.2f` }}%"
```

Unsafe fix: `| printf `%.2f`` is added (two decimals; a Go raw string, so no YAML quoting
changes). `humanize`, `humanize1024`, `humanizePercentage` or `humanizeDuration` may suit the
value better: pick one by hand when it does. Opt-in (a style rule): `--extend-select style`
or the rule's id.
)md";

const RuleMeta kMeta{
    .id = "prometheus/alert-value-unformatted",
    .title = "Alert annotation prints the raw query value",
    .severity = Severity::info,
    .categories = {Category::style},
    .aliases = {"pint:alerts/template"},
    .fix = FixAvailability::sometimes,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
    .opt_in = true,
};

// The `$value` / `.Value` actions, `{{ $value }}` (trim markers allowed): local spans.
std::vector<Span> bare_values(std::string_view text) {
  std::vector<Span> out;
  for (Span action : gotemplate::actions(text)) {
    std::string_view inner = text.substr(action.begin, action.size());
    if (inner == "$value" || inner == ".Value") out.push_back(action);
  }
  return out;
}

// Whether the query's value is likely a fraction (printing it raw shows 16 digits).
bool computes_fraction(const promql::Expr& e) {
  bool found = false;
  promql::walk(e, [&](const promql::Expr& n) {
    if (n.kind == promql::ExprKind::binary && n.op == promql::BinaryOp::div) found = true;
    if (n.kind == promql::ExprKind::aggregate &&
        (n.aggregation == "avg" || n.aggregation == "quantile" || n.aggregation == "stddev"))
      found = true;
    if (n.kind == promql::ExprKind::call && n.func) {
      std::string_view f = n.func->name;
      if (f == "rate" || f == "irate" || f == "increase" || f == "deriv" ||
          f == "predict_linear" || f == "histogram_quantile" || f == "avg_over_time" ||
          f == "quantile_over_time")
        found = true;
    }
  });
  return found;
}

class AlertValueUnformatted final : public PrometheusRuleCheck {
 public:
  AlertValueUnformatted() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document& doc, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.alerting() || !rule.expr || !rule.expr->expr()) return;
    if (!computes_fraction(*rule.expr->expr())) return;
    for (const RuleKeyValue& kv : rule.annotations) {
      if (!kv.value_node || !kv.value_node->is_scalar()) continue;
      if (kv.value.find("{{") == std::string::npos) continue;
      MappedText mapped = yaml::map_scalar(doc.text(), *kv.value_node);
      for (Span local : bare_values(mapped.text())) {
        Span at = mapped.to_parent(local);
        std::string_view written = std::string_view(mapped.text()).substr(local.begin, local.size());
        std::string message = fmt::format(
            "annotation \"{}\" of alert `{}` prints `{}` unformatted, a float such as "
            "0.8333333333333334; pipe it through `printf` (two decimals) or `humanize`",
            kv.key, rule.name, written);
        if (doc.slice(at) == written) {
          sink.report(at, message,
                      Fix{"format the value with two decimals",
                          {Edit{{at.end, at.end}, " | printf `%.2f`"}},
                          Applicability::unsafe});
        } else {
          sink.report(at, message);
        }
      }
    }
  }
};

INFRALINT_REGISTER_RULE(AlertValueUnformatted);

}  // namespace
}  // namespace infralint
