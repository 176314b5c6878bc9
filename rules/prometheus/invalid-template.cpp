#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"
#include "parse/gotemplate/template.hpp"
#include "parse/yaml/scalar_map.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An alert label or annotation that is not a valid Go template: an unclosed `{{`, a misspelt
function (`humanise`), an undefined variable (`$label` instead of `$labels`), an `{{if}}`
without `{{end}}`. Prometheus parses every label and annotation of an alerting rule as a
template with `$labels`, `$externalLabels`, `$externalURL` and `$value` defined and its
template functions (`humanize`, `humanizeDuration`, `printf`, `query`, ...) available.
The finding points at the offending token.

## Why it matters
`promtool check rules` rejects the file and Prometheus refuses to load it: every alert in
it stops being evaluated.

## Example
```yaml
annotations:
  description: "Memory at {{ $value | humanise }}% on {{ $label.instance }}"
```

## Fixed
```yaml
annotations:
  description: "Memory at {{ $value | humanize }}% on {{ $labels.instance }}"
```

No automatic fix: the intended template is not known.
)md";

const RuleMeta kMeta{
    .id = "prometheus/invalid-template",
    .title = "Alert label or annotation is not a valid template",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"pint:alerts/template"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

class InvalidTemplate final : public PrometheusRuleCheck {
 public:
  InvalidTemplate() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document& doc, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.alerting()) return;
    auto check_all = [&](const std::vector<RuleKeyValue>& values, std::string_view what) {
      for (const RuleKeyValue& kv : values) {
        if (!kv.value_node || !kv.value_node->is_scalar()) continue;
        if (kv.value.find("{{") == std::string::npos) continue;
        MappedText mapped = yaml::map_scalar(doc.text(), *kv.value_node);
        auto errors = gotemplate::check(mapped.text(), gotemplate::prometheus_alert_environment());
        for (const ParseError& e : errors) {
          Span span = mapped.to_parent(e.span);
          if (span.empty()) span = kv.value_span;
          sink.report(span, fmt::format("{} \"{}\" of alert `{}` is not a valid template: {}", what,
                                        kv.key, rule.name, e.message));
        }
      }
    };
    check_all(rule.labels, "label");
    check_all(rule.annotations, "annotation");
  }
};

INFRALINT_REGISTER_RULE(InvalidTemplate);

}  // namespace
}  // namespace infralint
