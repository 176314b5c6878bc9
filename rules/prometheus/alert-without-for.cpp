#include <fmt/format.h>

#include "engine/prometheus_rule.hpp"
#include "fix/yaml_writer.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An alerting rule without `for:`, whose expression reads at least one series. (An alert on a
constant, such as the `vector(1)` "Watchdog" that must always fire, is not reported; an
explicit `for: 0s` is `prometheus/redundant-for-zero`'s business.)

## Why it matters
Without `for` the alert fires on the first evaluation whose result is not empty: one slow
scrape, one spike, one restarting target pages someone, and the alert resolves a minute later.
Alerts that flap like this train people to ignore them. `for` makes the condition hold for a
while before anyone is notified; the alert is `pending` meanwhile, visible in the UI. Some
alerts are written without `for` on purpose (a certificate's expiry date does not flap): the
rule is information, suppress it on those.

## Example
```yaml
- alert: HighLatency
  expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1
```

## Fixed
```yaml
- alert: HighLatency
  expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1
  for: 5m
```

Unsafe fix: `for: 5m` (the `for` option) is added after `expr`. It delays every notification of
this alert by that long; shorten it for alerts that must page at once.
)md";

const OptionSpec kForOption{
    "for", OptionType::string, "The `for` the fix writes (a Prometheus duration). Default: 5m.",
    [](std::string_view value) { return promql::parse_duration(value).has_value(); },
    "a Prometheus duration such as 5m"};

const RuleMeta kMeta{
    .id = "prometheus/alert-without-for",
    .title = "Alert fires on a single evaluation (no `for`)",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"pint:rule/for"},
    .fix = FixAvailability::sometimes,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
    .options = {kForOption},
};

bool reads_series(const promql::Expr& e) {
  bool found = false;
  promql::walk(e, [&](const promql::Expr& n) {
    found = found || n.kind == promql::ExprKind::vector_selector;
  });
  return found;
}

class AlertWithoutFor final : public PrometheusRuleCheck {
 public:
  AlertWithoutFor() : PrometheusRuleCheck(kMeta) {}

 protected:
  void check(const Document& doc, const PrometheusModel&, const PrometheusRule& rule,
             FindingSink& sink) const override {
    if (!rule.alerting() || !rule.node || rule.node->get("for")) return;
    if (!rule.expr || !rule.expr->expr() || !reads_series(*rule.expr->expr())) return;
    std::string duration = sink.options().string("for", "5m");
    if (!promql::parse_duration(duration)) duration = "5m";  // the reader rejects these
    std::string message = fmt::format(
        "alert `{}` has no `for`: it fires on the first evaluation that matches, so one spike "
        "or missed scrape pages someone; add `for: {}` (or longer)",
        rule.name, duration);
    const auto* stream = doc.tree<yaml::Stream>();
    auto edit = stream ? yaml_edit::insert_pair(doc.text(), *stream, *rule.node, "for", duration,
                                                std::string_view("expr"))
                       : std::nullopt;
    if (edit) {
      sink.report(rule.name_span, message,
                  Fix{fmt::format("add `for: {}`", duration), {*edit}, Applicability::unsafe});
    } else {
      sink.report(rule.name_span, message);
    }
  }
};

INFRALINT_REGISTER_RULE(AlertWithoutFor);

}  // namespace
}  // namespace infralint
