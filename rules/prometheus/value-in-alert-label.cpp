#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An alert label whose template uses the query's value: `$value` or `.Value`.

## Why it matters
Labels identify an alert. When a label changes with every evaluation, each new value is a
new alert: the previous one resolves, a new one starts pending, `for` starts over and never
completes, and Alertmanager sends a stream of resolved/firing pairs. Values belong in
annotations.

## Example
```yaml
labels:
  severity: warning
  usage: "{{ $value }}"
```

## Fixed
```yaml
labels:
  severity: warning
annotations:
  usage: "{{ $value }}"
```

No automatic fix: moving the label may break routes that match on it.
)md";

const RuleMeta kMeta{
    .id = "prometheus/value-in-alert-label",
    .title = "Alert label changes with the query's value",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"pint:alerts/template"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

class ValueInAlertLabel final : public PrometheusRuleCheck {
 public:
  ValueInAlertLabel() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document&, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.alerting()) return;
    for (const RuleKeyValue& kv : rule.labels) {
      std::string_view v = kv.value;
      std::size_t open = v.find("{{");
      if (open == std::string_view::npos) continue;
      for (std::string_view token : {"$value", ".Value"}) {
        if (v.find(token, open) == std::string_view::npos) continue;
        sink.report(kv.value_span,
                    fmt::format("label \"{}\" of alert `{}` uses `{}`: every new value makes a "
                                "new alert, so it flaps and `for` never completes; move it to "
                                "an annotation",
                                kv.key, rule.name, token));
        break;
      }
    }
  }
};

INFRALINT_REGISTER_RULE(ValueInAlertLabel);

}  // namespace
}  // namespace infralint
