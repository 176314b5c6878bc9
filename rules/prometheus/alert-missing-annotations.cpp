#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"
#include "fix/yaml_paths.hpp"
#include "fix/yaml_writer.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An alerting rule without the annotations an on-call engineer needs: `summary` (one line for
the notification title), `description` (what is wrong, with the values), `runbook_url` (what
to do). One finding per missing annotation, at the alert's name.

## Why it matters
An alert that pages someone at 3 a.m. without saying what to do next is slower to resolve;
`runbook_url` is what Alertmanager templates, Grafana and PagerDuty link to. The
kube-prometheus and monitoring-mixins alerts all carry these three.

## Example
```yaml
- alert: DatabaseDown
  expr: up{job="postgres"} == 0
  annotations:
    summary: Database is down
```

## Fixed
```yaml
- alert: DatabaseDown
  expr: up{job="postgres"} == 0
  annotations:
    summary: Database is down
    description: 'TODO: describe DatabaseDown'
    runbook_url: 'TODO: link the runbook for DatabaseDown'
```

Unsafe fix: placeholders are added, to be replaced by real text; they are visible in
notifications until then.
)md";

const RuleMeta kMeta{
    .id = "prometheus/alert-missing-annotations",
    .title = "Alert without summary, description or runbook_url",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"pint:alerts/annotation"},
    .fix = FixAvailability::sometimes,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

struct Required {
  std::string_view key;
  std::string_view why;
  std::string_view placeholder;  // {} is the alert name
};
constexpr Required kRequired[] = {
    {"summary", "the one-line title of the notification", "{}"},
    {"description", "what is wrong, with the values", "TODO: describe {}"},
    {"runbook_url", "what the on-call engineer should do", "TODO: link the runbook for {}"},
};

class AlertMissingAnnotations final : public PrometheusRuleCheck {
 public:
  AlertMissingAnnotations() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document& doc, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.alerting()) return;
    const auto* stream = doc.tree<yaml::Stream>();
    const yaml::Node* annotations = rule.node->get("annotations");
    bool create = !annotations || annotations->is_null();
    // Without an annotations mapping, the first finding's fix creates it with every missing
    // placeholder, in order; the others need no fix of their own.
    std::vector<std::pair<std::optional<std::string>, yaml_edit::NewValue>> placeholders;
    for (const Required& r : kRequired)
      if (!rule.annotation(r.key))
        placeholders.emplace_back(std::string(r.key),
                                  fmt::format(fmt::runtime(r.placeholder), rule.name));
    const yaml_edit::NewValue all = yaml_edit::NewValue::mapping(std::move(placeholders));
    bool first = true;
    for (const Required& r : kRequired) {
      if (rule.annotation(r.key)) continue;
      std::string message =
          fmt::format("alert `{}` has no `{}` annotation ({})", rule.name, r.key, r.why);
      std::optional<Edit> edit;
      if (!create) {
        std::string value = fmt::format(fmt::runtime(r.placeholder), rule.name);
        edit = yaml_edit::set_at_path(doc.text(), *stream, *rule.node,
                                      {"annotations", std::string(r.key)}, value);
      } else if (first) {
        edit = yaml_edit::set_at_path(doc.text(), *stream, *rule.node, {"annotations"}, all);
      }
      first = false;
      if (edit) {
        sink.report(rule.name_span, message,
                    Fix{create ? std::string("add placeholder annotations")
                               : fmt::format("add a placeholder `{}`", r.key),
                        {*edit},
                        Applicability::unsafe});
      } else {
        sink.report(rule.name_span, message);
      }
    }
  }
};

INFRALINT_REGISTER_RULE(AlertMissingAnnotations);

}  // namespace
}  // namespace infralint
