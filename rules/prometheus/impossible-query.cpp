#include <fmt/format.h>

#include <map>

#include "engine/prometheus_rule.hpp"
#include "model/promql_labels.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A query, or part of one, that can never return a series:
- a selector whose matchers contradict each other: `job="api", job="web"`, or `job="api"`
  with `job!="api"`;
- a join `on(x)` (or a set operator `and on(x)` / `unless on(x)`) where one side cannot carry
  label `x` because an aggregation, `absent()` or an earlier `on()` removed it, while the
  other side may: the sides only match where both lack `x`, which is almost never;
- an aggregation grouping `by (x)` over an input that cannot carry `x`: `x` is always empty,
  so the grouping does nothing.

Label flow follows `label_replace`/`label_join` and `count_values`, so labels they add are
not reported (pint's users asked for this: pint #1631).

## Why it matters
The alert never fires and the recording rule records nothing, silently: the rule looks
fine, `promtool` accepts it, and the outage it was written for goes unnoticed.

## Example
```yaml
- alert: HighErrorRatio
  expr: sum by (job) (rate(errors_total[5m])) / on(instance) sum by (instance) (rate(requests_total[5m])) > 0.05
```

## Fixed
```yaml
- alert: HighErrorRatio
  expr: sum by (job) (rate(errors_total[5m])) / on(job) sum by (job) (rate(requests_total[5m])) > 0.05
```

No automatic fix: which labels were meant is not known.
)md";

const RuleMeta kMeta{
    .id = "prometheus/impossible-query",
    .title = "Query can never return a series",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"pint:promql/impossible"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

class ImpossibleQuery final : public PrometheusRuleCheck {
 public:
  ImpossibleQuery() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document&, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.expr || !rule.expr->expr()) return;
    const EmbeddedPromql& embedded = *rule.expr;
    promql::walk(*embedded.expr(), [&](const promql::Expr& e) {
      switch (e.kind) {
        case promql::ExprKind::vector_selector: contradicting_matchers(embedded, e, sink); break;
        case promql::ExprKind::binary: join_on_removed_label(embedded, e, sink); break;
        case promql::ExprKind::aggregate: grouping_on_removed_label(embedded, e, sink); break;
        default: break;
      }
    });
  }

 private:
  static void contradicting_matchers(const EmbeddedPromql& embedded, const promql::Expr& e,
                                     FindingSink& sink) {
    std::map<std::string, const promql::Matcher*> equal;
    for (const promql::Matcher& m : e.matchers)
      if (m.op == promql::MatchOp::equal && !m.bare_name) equal.emplace(m.name, &m);
    for (const promql::Matcher& m : e.matchers) {
      auto it = equal.find(m.name);
      if (it == equal.end() || it->second == &m) continue;
      const promql::Matcher& first = *it->second;
      bool contradicts = (m.op == promql::MatchOp::equal && m.value != first.value) ||
                         (m.op == promql::MatchOp::not_equal && m.value == first.value);
      if (!contradicts) continue;
      Finding& f = sink.report(
          embedded.to_file(m.span),
          fmt::format("`{}` contradicts `{}=\"{}\"` in the same selector: it matches no series",
                      std::string_view(embedded.text.text()).substr(m.span.begin, m.span.size()),
                      first.name, first.value));
      f.related.push_back({embedded.to_file(first.span), "the other matcher"});
    }
  }

  static void join_on_removed_label(const EmbeddedPromql& embedded, const promql::Expr& e,
                                    FindingSink& sink) {
    if (!e.matching || !e.matching->on || e.op == promql::BinaryOp::lor) return;
    const promql::Expr* lhs = e.child(0);
    const promql::Expr* rhs = e.child(1);
    if (!lhs || !rhs) return;
    auto l = promql::output_labels(*lhs), r = promql::output_labels(*rhs);
    if (!l || !r) return;
    for (const std::string& label : e.matching->labels) {
      bool left = l->may_have(label), right = r->may_have(label);
      if (left == right) continue;
      const promql::LabelSet& lacking = left ? *r : *l;
      Finding& f = sink.report(
          embedded.to_file(e.matching->span),
          fmt::format("`on({})` joins on `{}`, which the {} side cannot carry ({} removed it) "
                      "while the {} side may: the sides never match and the result is empty",
                      fmt::join(e.matching->labels, ", "), label, left ? "right" : "left",
                      lacking.narrowed_by.empty() ? std::string("the query") : lacking.narrowed_by,
                      left ? "left" : "right"));
      if (!lacking.narrowed_at.empty())
        f.related.push_back({embedded.to_file(lacking.narrowed_at),
                             fmt::format("`{}` is removed here", label)});
      return;
    }
  }

  static void grouping_on_removed_label(const EmbeddedPromql& embedded, const promql::Expr& e,
                                        FindingSink& sink) {
    if (!e.has_grouping || e.without || !e.child(0)) return;
    auto in = promql::output_labels(*e.child(0));
    if (!in || in->open) return;
    for (const std::string& label : e.grouping) {
      if (in->may_have(label)) continue;
      Finding& f = sink.report(
          embedded.to_file(e.grouping_span),
          fmt::format("`{}` groups by `{}`, but {} already removed it: the label is always "
                      "empty and the grouping does nothing",
                      e.aggregation, label,
                      in->narrowed_by.empty() ? std::string("the input") : in->narrowed_by));
      if (!in->narrowed_at.empty())
        f.related.push_back({embedded.to_file(in->narrowed_at),
                             fmt::format("`{}` is removed here", label)});
      return;
    }
  }
};

INFRALINT_REGISTER_RULE(ImpossibleQuery);

}  // namespace
}  // namespace infralint
