#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"
#include "fix/yaml_writer.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A recording rule (`record:`) with `for`, `keep_firing_for` or `annotations`: fields that only
alerting rules have. promtool rejects the file ("invalid field 'for' in recording rule").
An explicit zero `for: 0s` and an empty `annotations: {}` are accepted by Prometheus and
not reported.

## Why it matters
Prometheus refuses to load the rule file, so none of its rules are evaluated. The fields
usually come from an alert copied into a recording rule; they never had an effect.

## Example
```yaml
- record: job:http_requests:rate5m
  expr: sum by (job) (rate(http_requests_total[5m]))
  for: 5m
```

## Fixed
```yaml
- record: job:http_requests:rate5m
  expr: sum by (job) (rate(http_requests_total[5m]))
```

Safe fix: the fields are removed (they cannot affect a recording rule).
)md";

const RuleMeta kMeta{
    .id = "prometheus/recording-rule-alert-fields",
    .title = "Recording rule with alerting-only fields",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::sometimes,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

class RecordingRuleAlertFields final : public PrometheusRuleCheck {
 public:
  RecordingRuleAlertFields() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document& doc, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.recording()) return;
    const auto* stream = doc.tree<yaml::Stream>();
    for (std::string_view field : {"for", "keep_firing_for", "annotations"}) {
      const yaml::Pair* pair = rule.node->pair(field);
      if (!pair || pair->merged || !rejected(field, *pair->value)) continue;
      std::string message = fmt::format(
          "invalid field '{}' in recording rule `{}`: only alerting rules have it, and "
          "Prometheus refuses the whole file",
          field, rule.name);
      auto edit = yaml_edit::remove_pair(doc.text(), *stream, *rule.node, field);
      if (edit) {
        sink.report(pair->key->span, message,
                    Fix{fmt::format("remove `{}`", field), {*edit}, Applicability::safe});
      } else {
        sink.report(pair->key->span, message);
      }
    }
  }

 private:
  // What promtool rejects: a non-zero duration, a non-empty annotation mapping.
  static bool rejected(std::string_view field, const yaml::Node& value) {
    if (value.is_null()) return false;
    if (field == "annotations") return !value.is_mapping() || !value.pairs.empty();
    auto ms = promql::parse_duration(value.is_scalar() ? value.value : "");
    return !ms || *ms != 0;
  }
};

INFRALINT_REGISTER_RULE(RecordingRuleAlertFields);

}  // namespace
}  // namespace infralint
