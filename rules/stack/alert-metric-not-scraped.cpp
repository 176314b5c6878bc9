#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A rule reading the metrics of a well-known exporter — `container_*` (cAdvisor, served by the
kubelet), `node_*` (node_exporter), `kube_*` (kube-state-metrics), `pg_*`, `mysql_*`,
`redis_*`, `nginx_*`, `probe_*` (blackbox) — without naming a job, while no scrape job of the
`prometheus.yml` linted with it scrapes that exporter: no job and no target is named after it
(`cadvisor`, `kubelet`, `node-exporter`, `postgres`, ...).

Only judged when the files linted together (the same repository) hold a `prometheus.yml`;
exporters scraped by another Prometheus are listed in `external-services` (by metric name).
Application metrics (`http_requests_total`) have no known source and are not judged.

## Why it matters
The series do not exist, so the alert can never fire: `container_memory_usage_bytes > ...`
looks like memory alerting and protects nothing. Prometheus and promtool accept the rule.

## Example
```yaml
# prometheus.yml scrapes only the application and postgres_exporter
- alert: HighMemoryUsage
  expr: container_memory_usage_bytes / (container_spec_memory_limit_bytes > 0) > 0.8
```

## Fixed
```yaml
# prometheus.yml
scrape_configs:
  - job_name: cadvisor
    static_configs:
      - targets: ["cadvisor:8080"]
```

No automatic fix: the exporter has to be deployed and scraped.
)md";

const RuleMeta kMeta{
    .id = "stack/alert-metric-not-scraped",
    .title = "Rule reads an exporter's metrics that no scrape job collects",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::prometheus_rules, Kind::kubernetes},
    .docs = kDocs,
    .options = {kExternalServicesOption},
};

class AlertMetricNotScraped final : public StackRule {
 public:
  AlertMetricNotScraped() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::alert_job || e.problem != stack::Problem::unscraped) continue;
      if (sink.external(e.from.doc, e.name)) continue;
      sink.report(e.from, fmt::format("rule `{}` reads `{}`, a metric of {}, but no scrape job of "
                                      "prometheus.yml scrapes it: the series do not exist, so "
                                      "the rule's result is always empty",
                                      e.directive, e.name, e.expected));
    }
  }
};

INFRALINT_REGISTER_RULE(AlertMetricNotScraped);

}  // namespace
}  // namespace infralint
