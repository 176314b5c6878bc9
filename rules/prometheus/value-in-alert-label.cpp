#include <fmt/format.h>

#include <algorithm>

#include "engine/prometheus_rule.hpp"
#include "parse/gotemplate/template.hpp"

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
      for (std::string_view token : {"$value", ".Value"}) {
        auto actions = gotemplate::actions(v);
        bool used = std::any_of(actions.begin(), actions.end(), [&](Span a) {
          return v.substr(a.begin, a.size()).find(token) != std::string_view::npos;
        });
        if (!used) continue;
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
