#include <fmt/format.h>

#include "engine/stack_rule.hpp"
#include "model/stack/prometheus_links.hpp"
#include "parse/promql/ast.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`rate()`, `irate()`, `increase()`, `delta()`, `idelta()` or `deriv()` over a range shorter
than four scrape intervals of the series it reads. The interval comes from the
`prometheus.yml` linted with the rule files (the same repository): the job's
`scrape_interval` when the selector names the job (`job="api"`), else the global one
(Prometheus' default, 1m, when not written).

Not judged without a `prometheus.yml` in the linted files, since the interval is then unknown
(pint asks a live server for it), or when two configurations disagree.

## Why it matters
These functions need at least two samples inside the range. With a 1m range and a 30s
interval there are two at best: one slow or failed scrape and the result is empty — the
alert resolves, the graph has holes, and `increase()` extrapolates from almost nothing.
Below two intervals the result is empty most of the time. Four intervals tolerate one missed
scrape; this is the advice of Prometheus' maintainers and of pint's `promql/rate` (which
reports below two).

## Example
```yaml
# prometheus.yml: scrape_interval: 30s
- alert: HighErrorRate
  expr: rate(http_errors_total{job="api"}[1m]) > 1
```

## Fixed
```yaml
- alert: HighErrorRate
  expr: rate(http_errors_total{job="api"}[2m]) > 1
```

Unsafe fix: the range becomes four scrape intervals. A longer range smooths the rate, so an
alert reacts more slowly and a threshold tuned on the short range may need a second look.
`infralint fix` applies it when the rule file and `prometheus.yml` are fixed in one run.
)md";

const RuleMeta kMeta{
    .id = "stack/rate-range-too-short",
    .title = "Rate range shorter than four scrape intervals",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"pint:promql/rate"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::prometheus_rules, Kind::kubernetes},
    .docs = kDocs,
};

class RateRangeTooShort final : public StackRule {
 public:
  RateRangeTooShort() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    const stack::ScrapeIntervals intervals(stack);
    for (std::size_t doc = 0; doc < stack.documents.size(); ++doc) {
      for (const stack::RateRange& r : stack.documents[doc].facts.rate_ranges) {
        auto interval = intervals.for_rule(doc, r.job);
        if (!interval || interval->ms <= 0 || r.range_ms >= 4 * interval->ms) continue;
        std::string wanted = promql::format_duration(4 * interval->ms);
        std::string source = interval->job.empty()
                                 ? std::string("the global scrape interval")
                                 : fmt::format("the scrape interval of job `{}`", interval->job);
        std::string consequence =
            r.range_ms < 2 * interval->ms
                ? "it rarely holds the two samples the function needs, so the result is mostly "
                  "empty"
                : "one missed scrape leaves too few samples and the result goes empty";
        Finding& f = sink.report(
            {doc, r.span, ""},
            fmt::format("{}() over [{}] in rule `{}` spans fewer than four scrapes ({} is {}): "
                        "{}; use [{}] or longer",
                        r.function, promql::format_duration(r.range_ms), r.owner, source,
                        promql::format_duration(interval->ms), consequence, wanted));
        if (interval->at) sink.relate(f, *interval->at, fmt::format("{} is set here", source));
        if (r.editable)
          f.fix = Fix{fmt::format("widen the range to [{}]", wanted), {Edit{r.span, wanted}},
                      Applicability::unsafe};
      }
    }
  }
};

INFRALINT_REGISTER_RULE(RateRangeTooShort);

}  // namespace
}  // namespace infralint
