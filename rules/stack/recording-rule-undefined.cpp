#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A rule expression reading a series named like a recording rule's output
(`level:metric:operations`, the colon reserved for recording rules) that no recording rule of
the linted files records. A close name is suggested.

Only judged where the files linted together (the same repository) define recording rules of
their own: a repository without any reads its recorded series from somewhere else. Series
recorded elsewhere are listed in `external-services`.

## Why it matters
The selector matches nothing: an alert on it never fires, a recording rule built on it records
nothing. It happens when a recording rule is renamed or deleted and its readers are not
updated — pint's `rule/dependency` check in `pint ci` exists for this — or with a typo.

## Example
```yaml
- record: job:http_requests:rate5m
  expr: sum by (job) (rate(http_requests_total[5m]))
- alert: TrafficDropped
  expr: job:http_request:rate5m == 0
```

## Fixed
```yaml
- alert: TrafficDropped
  expr: job:http_requests:rate5m == 0
```

No automatic fix: the suggestion may not be the series meant.
)md";

const RuleMeta kMeta{
    .id = "stack/recording-rule-undefined",
    .title = "Rule reads a recorded series no recording rule records",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"pint:rule/dependency"},
    .fix = FixAvailability::none,
    .kinds = {Kind::prometheus_rules, Kind::kubernetes},
    .docs = kDocs,
    .options = {kExternalServicesOption},
};

class RecordingRuleUndefined final : public StackRule {
 public:
  RecordingRuleUndefined() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::recorded_by || e.problem != stack::Problem::undefined) continue;
      if (sink.external(e.from.doc, e.name)) continue;
      Finding& f = sink.report(
          e.from, fmt::format("rule `{}` reads `{}`, but no recording rule of these files "
                              "records it: the selector matches nothing{}",
                              e.directive, e.name, sink.suggestion_hint(e, "")));
      sink.relate_suggestion(f, e, fmt::format("recording rule `{}`", e.suggestion));
    }
  }
};

INFRALINT_REGISTER_RULE(RecordingRuleUndefined);

}  // namespace
}  // namespace infralint
