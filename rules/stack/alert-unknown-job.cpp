#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A selector `job="x"` in an alerting or recording rule's expression where no scrape job of the
stack's `prometheus.yml` is named `x`. A close name is suggested.

Only judged when the files linted together (the same repository) hold a `prometheus.yml` with
scrape jobs; jobs scraped by another Prometheus are listed in `external-services`.

## Why it matters
The selector matches no series, so the expression is empty: `up{job="postgress"} == 0` never
fires, even while the database is down. Prometheus accepts the rule without a word.

## Example
```yaml
- alert: DatabaseDown
  expr: up{job="postgress"} == 0   # prometheus.yml scrapes job `postgres`
```

## Fixed
```yaml
- alert: DatabaseDown
  expr: up{job="postgres"} == 0
```

No automatic fix. Relabelling that rewrites `job` is not followed: list such jobs under
`external-services`.
)md";

const RuleMeta kMeta{
    .id = "stack/alert-unknown-job",
    .title = "Rule selects a job no scrape config defines",
    .severity = Severity::error,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::prometheus_rules, Kind::kubernetes},
    .docs = kDocs,
    .options = {kExternalServicesOption},
};

class AlertUnknownJob final : public StackRule {
 public:
  AlertUnknownJob() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::alert_job || e.problem != stack::Problem::unknown_job) continue;
      if (sink.external(e.from.doc, e.name)) continue;
      std::string hint = sink.suggestion_hint(e, "");
      Finding& f = sink.report(
          e.from, fmt::format("`{}` selects job=\"{}\", but no scrape job of prometheus.yml has "
                              "that name: the selector matches nothing and the rule never "
                              "fires{}",
                              e.directive, e.name, hint));
      sink.relate_suggestion(f, e, fmt::format("scrape job `{}`", e.suggestion));
    }
  }
};

INFRALINT_REGISTER_RULE(AlertUnknownJob);

}  // namespace
}  // namespace infralint
