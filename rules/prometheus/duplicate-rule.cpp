#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Two rules of one file that are copies of each other: same name, same static labels and the
same expression (compared as parsed, so spacing and line breaks do not matter). Rules with the
same name and labels but different expressions (one alert written for a Deployment and for a
StatefulSet, a recording rule assembled from disjoint selectors) are a common, deliberate
pattern and are not reported, unlike `promtool check rules --lint=duplicate-rules`.

## Why it matters
Two recording rules writing one series overwrite each other at every evaluation (and
Prometheus logs duplicate-sample errors); two identical alerts notify twice or, grouped,
hide one another's firing. Usually one of them is a stale copy.

## Example
```yaml
- record: job:errors:rate5m
  expr: sum by (job) (rate(errors_total[5m]))
- record: job:errors:rate5m
  expr: sum by (job) (rate(errors_total[5m]))
```

## Fixed
```yaml
- record: job:errors:rate5m
  expr: sum by (job) (rate(errors_total[5m]))
```

No automatic fix: which copy is right is not known.
)md";

const RuleMeta kMeta{
    .id = "prometheus/duplicate-rule",
    .title = "Two rules with the same name and labels",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"pint:rule/duplicate"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

class DuplicateRule final : public Rule {
 public:
  DuplicateRule() : Rule(kMeta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    const PrometheusModel* model = prometheus_model(doc);
    if (!model) return;
    std::map<std::string, const PrometheusRule*> seen;
    for (const PrometheusRule& r : model->rules) {
      if (r.type == PrometheusRule::Type::invalid) continue;
      std::vector<std::pair<std::string, std::string>> labels;
      for (const RuleKeyValue& kv : r.labels) labels.emplace_back(kv.key, kv.value);
      std::sort(labels.begin(), labels.end());
      if (!r.expr || !r.expr->expr()) continue;
      std::string key = fmt::format("{}\n{}\n{}", r.alerting() ? "alert" : "record", r.name,
                                    promql::print(*r.expr->expr()));
      for (const auto& [k, v] : labels) key += fmt::format("\n{}={}", k, v);
      auto [it, inserted] = seen.emplace(key, &r);
      // The same YAML node reached twice through an alias is one rule written once.
      if (inserted || it->second->node == r.node) continue;
      sink.report(r.name_span,
                  fmt::format(
                      "{} `{}` is defined twice with the same labels and expression; the copies {}",
                      r.alerting() ? "alert" : "recording rule", r.name,
                      r.alerting() ? "notify as one alert" : "overwrite each other's series"))
          .related.push_back({it->second->name_span, "first defined here"});
    }
  }
};

INFRALINT_REGISTER_RULE(DuplicateRule);

}  // namespace
}  // namespace infralint
