#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"
#include "fix/yaml_writer.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An alerting rule with `for: 0s` (or `for: 0`, `keep_firing_for: 0s`): the default, written out.

## Why it matters
It does nothing, and reads as if a pending period had been considered: a reviewer may think
the alert waits before firing when it fires on the first evaluation that matches.

## Example
```yaml
- alert: InstanceDown
  expr: up == 0
  for: 0s
```

## Fixed
```yaml
- alert: InstanceDown
  expr: up == 0
```

Safe fix: the line is removed; the behaviour is the same.
)md";

const RuleMeta kMeta{
    .id = "prometheus/redundant-for-zero",
    .title = "Alert with `for: 0s`, the default",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .aliases = {"pint:alerts/for"},
    .fix = FixAvailability::sometimes,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

class RedundantForZero final : public PrometheusRuleCheck {
 public:
  RedundantForZero() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document& doc, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.alerting()) return;
    const auto* stream = doc.tree<yaml::Stream>();
    for (std::string_view field : {"for", "keep_firing_for"}) {
      const yaml::Pair* pair = rule.node->pair(field);
      if (!pair || pair->merged || !pair->value->is_scalar()) continue;
      auto ms = promql::parse_duration(pair->value->value);
      if (!ms || *ms != 0) continue;
      std::string message = fmt::format("`{}: {}` on alert `{}` is the default and has no effect",
                                        field, pair->value->value, rule.name);
      if (auto edit = yaml_edit::remove_pair(doc.text(), *stream, *rule.node, field)) {
        sink.report(pair->value->span, message,
                    Fix{fmt::format("remove `{}`", field), {*edit}, Applicability::safe});
      } else {
        sink.report(pair->value->span, message);
      }
    }
  }
};

INFRALINT_REGISTER_RULE(RedundantForZero);

}  // namespace
}  // namespace infralint
