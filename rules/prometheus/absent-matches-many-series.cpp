#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`absent()` or `absent_over_time()` over a selector with a regex or negative matcher on a label
that tells a group's members apart (`instance=~"db-.*"`, `pod!="canary"`): a selector
written to match several series. Regexes on `job`, `namespace` and `cluster` name one group
and are not reported.

## Why it matters
`absent()` returns a result only when *no* series matches. With `instance=~"db-.*"` the alert
stays silent while a single database still reports: the one that died goes unnoticed. Its
result also carries only the labels fixed by `=` matchers, so a template cannot say which
instance is missing.

## Example
```yaml
- alert: DatabaseExporterDown
  expr: absent(up{job="postgres", instance=~"db-.*"})
```

## Fixed
```yaml
- alert: DatabaseExporterDown
  expr: up{job="postgres", instance=~"db-.*"} == 0
```

or, to catch targets that vanished from discovery, compare
`count(up{job="postgres"})` with the number expected. No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "prometheus/absent-matches-many-series",
    .title = "absent() over a selector matching several series",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

class AbsentMatchesManySeries final : public PrometheusRuleCheck {
 public:
  AbsentMatchesManySeries() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document&, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.expr || !rule.expr->expr()) return;
    const EmbeddedPromql& embedded = *rule.expr;
    promql::walk(*embedded.expr(), [&](const promql::Expr& e) {
      if (e.kind != promql::ExprKind::call || !e.func) return;
      if (e.func->name != "absent" && e.func->name != "absent_over_time") return;
      const promql::Expr* arg = e.child(0);
      if (arg && arg->kind == promql::ExprKind::matrix_selector) arg = arg->child(0);
      if (!arg || arg->kind != promql::ExprKind::vector_selector) return;
      for (const promql::Matcher& m : arg->matchers) {
        // A regex on a group's name (`job=~".*etcd.*"`) still names one group: only labels
        // that tell its members apart count.
        if (m.op == promql::MatchOp::equal || m.name == "__name__" || m.name == "job" ||
            m.name == "namespace" || m.name == "cluster")
          continue;
        std::string_view written =
            std::string_view(embedded.text.text()).substr(m.span.begin, m.span.size());
        sink.report(embedded.to_file(m.span),
                    fmt::format("{}() with `{}` returns a result only when no series at all "
                                "matches: while one of them still reports, {} stays silent "
                                "about the others; compare each series (`== 0`) or `count()` "
                                "with the number expected",
                                e.func->name, written,
                                rule.alerting() ? fmt::format("alert `{}`", rule.name)
                                                : fmt::format("`{}`", rule.name)));
        return;
      }
    });
  }
};

INFRALINT_REGISTER_RULE(AbsentMatchesManySeries);

}  // namespace
}  // namespace infralint
