#include <fmt/format.h>

#include <map>

#include "engine/prometheus_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
What `promtool check config --syntax-only` rejects in `prometheus.yml`'s structure:

- a `scrape_timeout` longer than the `scrape_interval` it applies to (globally or in a job;
  a job without its own timeout inherits the global one, capped at its interval);
- two scrape configs with the same `job_name`, or one without a `job_name`;
- intervals and timeouts that are not Prometheus durations (`15 s`, `1.5m`);
- unknown top-level sections (Prometheus reads its configuration strictly).

## Why it matters
Prometheus refuses to start (or to reload) with this configuration.

## Example
```yaml
scrape_configs:
  - job_name: api
    scrape_interval: 10s
    scrape_timeout: 30s
```

## Fixed
```yaml
scrape_configs:
  - job_name: api
    scrape_interval: 10s
    scrape_timeout: 10s
```

No automatic fix: which of the two values is wrong is not known.
)md";

const RuleMeta kMeta{
    .id = "prometheus/invalid-scrape-config",
    .title = "prometheus.yml that promtool rejects",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::prometheus_config},
    .docs = kDocs,
};

constexpr std::string_view kTopLevel[] = {
    "global",         "alerting",     "rule_files",  "scrape_config_files",
    "scrape_configs", "remote_write", "remote_read", "storage",
    "tracing",        "otlp",         "runtime"};

class InvalidScrapeConfig final : public Rule {
 public:
  InvalidScrapeConfig() : Rule(kMeta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    const auto* stream = doc.tree<yaml::Stream>();
    if (!stream || stream->documents.empty() || !stream->documents.front().root) return;
    const yaml::Node& root = *stream->documents.front().root;
    if (!root.is_mapping()) return;
    for (const yaml::Pair& p : root.pairs) {
      if (!p.key->is_scalar()) continue;
      bool known = false;
      for (std::string_view k : kTopLevel) known = known || k == p.key->value;
      if (!known)
        sink.report(p.key->span, fmt::format("unknown top-level field \"{}\"", p.key->value));
    }
    const yaml::Node* global = root.get("global");
    if (global && global->is_mapping()) {
      for (std::string_view key : {"scrape_interval", "scrape_timeout", "evaluation_interval"})
        duration(global->get(key), key, sink);
      auto interval = value(global->get("scrape_interval"));
      auto timeout = value(global->get("scrape_timeout"));
      if (timeout && *timeout > interval.value_or(60000)) {
        sink.report(global->get("scrape_timeout")->span,
                    "global scrape timeout greater than scrape interval");
      }
    }
    const PrometheusModel* model = prometheus_model(doc);
    if (!model) return;
    std::map<std::string, Span> names;
    for (const ScrapeJob& job : model->scrape_jobs) {
      duration(job.node->get("scrape_interval"), "scrape_interval", sink);
      duration(job.node->get("scrape_timeout"), "scrape_timeout", sink);
      if (job.name.empty()) {
        sink.report(job.name_span, "scrape config without a `job_name`");
        continue;
      }
      if (auto [it, inserted] = names.emplace(job.name, job.name_span); !inserted) {
        sink.report(job.name_span,
                    fmt::format("found multiple scrape configs with job name \"{}\"", job.name))
            .related.push_back({it->second, "first defined here"});
      }
      if (job.timeout_ms > job.interval_ms && !job.timeout_span.empty()) {
        auto& f = sink.report(
            job.timeout_span,
            fmt::format("scrape timeout greater than scrape interval for scrape config with job "
                        "name \"{}\" ({} > {})",
                        job.name, promql::format_duration(job.timeout_ms),
                        promql::format_duration(job.interval_ms)));
        if (!job.interval_span.empty()) f.related.push_back({job.interval_span, "the interval"});
      }
    }
  }

 private:
  static std::optional<std::int64_t> value(const yaml::Node* node) {
    if (!node || !node->is_scalar() || node->is_null()) return std::nullopt;
    return promql::parse_duration(node->value);
  }
  static void duration(const yaml::Node* node, std::string_view key, FindingSink& sink) {
    if (!node || node->is_null()) return;
    if (!node->is_scalar() || !promql::parse_duration(node->value))
      sink.report(node->span, fmt::format("`{}`: not a valid duration string: \"{}\"", key,
                                          node->is_scalar() ? node->value : ""));
  }
};

INFRALINT_REGISTER_RULE(InvalidScrapeConfig);

}  // namespace
}  // namespace infralint
