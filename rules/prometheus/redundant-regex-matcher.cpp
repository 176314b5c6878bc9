#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A regex label matcher that is really an equality: `job=~"api"` (no regex syntax at all), or
`job=~"^api$"` (PromQL regexes are always fully anchored, so `^` and `$` add nothing).

## Why it matters
It reads as if a pattern were intended, hides typos (`=~"api.*"` was perhaps meant), and an
equality matcher is cheaper: Prometheus looks it up directly in the index instead of running
the regex over every value of the label.

## Example
```yaml
expr: up{job=~"api", instance!~"^db-1$"} == 0
```

## Fixed
```yaml
expr: up{job="api", instance!="db-1"} == 0
```

Safe fix: `=~` becomes `=` and `!~` becomes `!=` (and the redundant anchors go), which
selects exactly the same series.
)md";

const RuleMeta kMeta{
    .id = "prometheus/redundant-regex-matcher",
    .title = "Regex matcher that is an equality",
    .severity = Severity::info,
    .categories = {Category::performance, Category::correctness},
    .aliases = {"pint:promql/regexp"},
    .fix = FixAvailability::sometimes,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

bool literal(std::string_view re) {
  return re.find_first_of("\\.+*?()|[]{}^$") == std::string_view::npos;
}

class RedundantRegexMatcher final : public PrometheusRuleCheck {
 public:
  RedundantRegexMatcher() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document& doc, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.expr || !rule.expr->expr()) return;
    const EmbeddedPromql& embedded = *rule.expr;
    promql::walk(*embedded.expr(), [&](const promql::Expr& e) {
      if (e.kind != promql::ExprKind::vector_selector) return;
      for (const promql::Matcher& m : e.matchers) {
        bool regex = m.op == promql::MatchOp::regex;
        if (!regex && m.op != promql::MatchOp::not_regex) continue;
        std::string_view value = m.value;
        bool anchored = value.size() >= 2 && value.front() == '^' && value.back() == '$';
        std::string_view inner = anchored ? value.substr(1, value.size() - 2) : value;
        if (!literal(inner)) {
          if (value.starts_with('^') || value.ends_with('$'))
            sink.report(
                embedded.to_file(m.value_span),
                fmt::format("`{}` in `{}`: PromQL regexes are fully anchored, so `^` and `$` "
                            "are redundant",
                            m.name, rule.name));
          continue;
        }
        std::string_view eq = regex ? "=" : "!=";
        std::string message =
            anchored ? fmt::format(
                           "`{}{}\"{}\"` is an equality (PromQL regexes are fully "
                           "anchored): use `{}{}\"{}\"`",
                           m.name, promql::to_string(m.op), value, m.name, eq, inner)
                     : fmt::format("`{}{}\"{}\"` has no regex syntax: use `{}{}\"{}\"`", m.name,
                                   promql::to_string(m.op), value, m.name, eq, inner);
        Span span = embedded.to_file(m.span);
        if (auto fix = to_equality(doc, embedded, m, eq, anchored)) {
          sink.report(span, message, std::move(*fix));
        } else {
          sink.report(span, message);
        }
      }
    });
  }

 private:
  static std::optional<Fix> to_equality(const Document& doc, const EmbeddedPromql& embedded,
                                        const promql::Matcher& m, std::string_view eq,
                                        bool anchored) {
    const std::string& text = embedded.text.text();
    Span op = embedded.to_file(m.op_span);
    if (doc.slice(op) != std::string_view(text).substr(m.op_span.begin, m.op_span.size()))
      return std::nullopt;
    std::vector<Edit> edits{{op, std::string(eq)}};
    if (anchored) {
      // Drop the ^ after the opening quote and the $ before the closing one.
      Span caret = embedded.to_file({m.value_span.begin + 1, m.value_span.begin + 2});
      Span dollar = embedded.to_file({m.value_span.end - 2, m.value_span.end - 1});
      if (doc.slice(caret) != "^" || doc.slice(dollar) != "$") return std::nullopt;
      edits.push_back({caret, ""});
      edits.push_back({dollar, ""});
    }
    return Fix{fmt::format("use `{}`", eq), std::move(edits), Applicability::safe};
  }
};

INFRALINT_REGISTER_RULE(RedundantRegexMatcher);

}  // namespace
}  // namespace infralint
