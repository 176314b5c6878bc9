#include <fmt/format.h>

#include <cctype>

#include "engine/prometheus_rule.hpp"
#include "model/promql_labels.hpp"
#include "parse/gotemplate/template.hpp"
#include "parse/yaml/scalar_map.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An alert label or annotation template that uses `$labels.x` (or `.Labels.x`,
`index $labels "x"`) where the alert's query cannot return a series with label `x`: an
aggregation dropped it (`sum by (job)`, `count` without `by`), `absent()` kept only the labels
its `=` matchers fix, `on(...)` kept only the matching labels, or `histogram_quantile` removed
`le`. Labels added by `label_replace`/`label_join` and `count_values` are followed, so they
are not reported.

## Why it matters
The template renders an empty string: the page says "High CPU on " with no host, and a label
used for routing (`team: "{{ $labels.team }}"`) is empty, so the alert goes to the default
receiver. Nobody notices until the alert fires.

## Example
```yaml
- alert: HighErrorRate
  expr: sum by (job) (rate(http_errors_total[5m])) > 10
  annotations:
    summary: "Errors on {{ $labels.instance }}"
```

## Fixed
```yaml
- alert: HighErrorRate
  expr: sum by (job, instance) (rate(http_errors_total[5m])) > 10
  annotations:
    summary: "Errors on {{ $labels.instance }}"
```

No automatic fix: either the query keeps the label or the template stops using it.
)md";

const RuleMeta kMeta{
    .id = "prometheus/template-label-not-in-query",
    .title = "Alert template uses a label its query removes",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"pint:alerts/template"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

struct LabelUse {
  std::string label;
  Span span;  // local to the template text
};

bool is_label_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// `$labels.x`, `.Labels.x` and `index $labels "x"` inside `{{ }}` actions.
std::vector<LabelUse> label_uses(std::string_view text) {
  std::vector<LabelUse> out;
  for (Span span : gotemplate::actions(text)) {
    std::size_t pos = span.begin;
    std::string_view action = text.substr(span.begin, span.size());
    for (std::string_view prefix : {"$labels.", ".Labels."}) {
      for (std::size_t at = action.find(prefix); at != std::string_view::npos;
           at = action.find(prefix, at + 1)) {
        if (prefix.front() == '.' && at > 0 && is_label_char(action[at - 1])) continue;
        std::size_t begin = at + prefix.size(), stop = begin;
        while (stop < action.size() && is_label_char(action[stop])) ++stop;
        if (stop > begin)
          out.push_back({std::string(action.substr(begin, stop - begin)),
                         {pos + at, pos + stop}});
      }
    }
    constexpr std::string_view kIndex = "index $labels \"";
    for (std::size_t at = action.find(kIndex); at != std::string_view::npos;
         at = action.find(kIndex, at + 1)) {
      std::size_t begin = at + kIndex.size(), stop = action.find('"', begin);
      if (stop != std::string_view::npos && stop > begin)
        out.push_back({std::string(action.substr(begin, stop - begin)), {pos + at, pos + stop + 1}});
    }
  }
  return out;
}

class TemplateLabelNotInQuery final : public PrometheusRuleCheck {
 public:
  TemplateLabelNotInQuery() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document& doc, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.alerting() || !rule.expr || !rule.expr->expr()) return;
    auto labels = promql::output_labels(*rule.expr->expr());
    if (!labels || labels->open) return;  // any label may be there
    auto check_all = [&](const std::vector<RuleKeyValue>& values, std::string_view what) {
      for (const RuleKeyValue& kv : values) {
        if (!kv.value_node || !kv.value_node->is_scalar()) continue;
        if (kv.value.find("{{") == std::string::npos) continue;
        MappedText mapped = yaml::map_scalar(doc.text(), *kv.value_node);
        for (const LabelUse& use : label_uses(mapped.text())) {
          if (labels->may_have(use.label)) continue;
          Finding& f = sink.report(
              mapped.to_parent(use.span),
              fmt::format("{} \"{}\" of alert `{}` uses label `{}`, but {} leaves {}: the "
                          "template renders an empty string",
                          what, kv.key, rule.name, use.label,
                          labels->narrowed_by.empty()
                              ? std::string("the query")
                              : fmt::format("{} in the query", labels->narrowed_by),
                          labels->names.empty()
                              ? std::string("no label")
                              : fmt::format("only `{}`", fmt::join(labels->names, "`, `"))));
          if (!labels->narrowed_at.empty())
            f.related.push_back({rule.expr->to_file(labels->narrowed_at),
                                 fmt::format("`{}` is removed here", use.label)});
        }
      }
    };
    check_all(rule.labels, "label");
    check_all(rule.annotations, "annotation");
  }
};

INFRALINT_REGISTER_RULE(TemplateLabelNotInQuery);

}  // namespace
}  // namespace infralint
