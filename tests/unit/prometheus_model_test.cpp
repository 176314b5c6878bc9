// The Prometheus adapter: rules with their PromQL mapped back into the file, the scrape jobs
// an alert selects (job="..."), and scrape jobs' effective interval and timeout.
#include <doctest/doctest.h>

#include "core/document.hpp"
#include "model/adapters.hpp"
#include "model/prometheus_entities.hpp"
#include "parse/document_parser.hpp"

using namespace infralint;

namespace {

const PrometheusModel& model_of(Document& doc) {
  parse_document(doc);
  build_model(doc);
  const auto* m = doc.model<Model>();
  REQUIRE(m);
  REQUIRE(m->prometheus);
  return *m->prometheus;
}

}  // namespace

TEST_CASE("prometheus model: rules, their jobs and expressions mapped into the file") {
  std::string text =
      "groups:\n"
      "  - name: db\n"
      "    interval: 30s\n"
      "    rules:\n"
      "      - alert: DatabaseDown\n"
      "        expr: up{job=\"postgres\"} == 0 and on() up{job=\"api\"}\n"
      "        for: 1m\n"
      "        annotations:\n"
      "          summary: down\n"
      "      - record: job:x:sum\n"
      "        expr: |\n"
      "          sum by (job) (\n"
      "            x{job=\"a\"})\n";
  Document doc("alerts.yml", text, Kind::prometheus_rules);
  const PrometheusModel& m = model_of(doc);
  REQUIRE(m.groups.size() == 1);
  CHECK(m.groups[0].name == "db");
  CHECK(m.groups[0].interval_ms == 30000);
  REQUIRE(m.rules.size() == 2);
  const PrometheusRule& alert = m.rules[0];
  CHECK(alert.alerting());
  CHECK(alert.name == "DatabaseDown");
  CHECK(alert.for_ms == 60000);
  CHECK(alert.jobs == std::vector<std::string>{"postgres", "api"});
  REQUIRE(alert.annotation("summary"));
  REQUIRE(alert.expr->expr());
  // The selector `x{job="a"}` of the block scalar, at its bytes in the file.
  const PrometheusRule& record = m.rules[1];
  CHECK(record.recording());
  const promql::Expr* sum = record.expr->expr();
  REQUIRE(sum);
  Span selector = record.expr->to_file(sum->children[0]->span);
  CHECK(doc.slice(selector) == "x{job=\"a\"}");
  CHECK(doc.lines().position(selector.begin).line == 13);
}

TEST_CASE("prometheus model: scrape jobs with effective interval and timeout") {
  std::string text =
      "global:\n"
      "  scrape_interval: 30s\n"
      "  scrape_timeout: 20s\n"
      "scrape_configs:\n"
      "  - job_name: fast\n"
      "    scrape_interval: 10s\n"
      "  - job_name: default\n"
      "  - job_name: own\n"
      "    scrape_interval: 1m\n"
      "    scrape_timeout: 50s\n";
  Document doc("prometheus.yml", text, Kind::prometheus_config);
  const PrometheusModel& m = model_of(doc);
  REQUIRE(m.scrape_jobs.size() == 3);
  CHECK(m.scrape_jobs[0].name == "fast");
  CHECK(m.scrape_jobs[0].interval_ms == 10000);
  CHECK(m.scrape_jobs[0].timeout_ms == 10000);  // the global 20s, capped at the interval
  CHECK(m.scrape_jobs[1].interval_ms == 30000);
  CHECK(m.scrape_jobs[1].timeout_ms == 20000);
  CHECK(m.scrape_jobs[2].timeout_ms == 50000);
  CHECK(m.global_scrape_interval_ms == 30000);
}

TEST_CASE("prometheus model: PrometheusRule objects among Kubernetes manifests") {
  std::string text =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n"
      "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\n"
      "spec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: up == "
      "0\n";
  Document doc("rules.yaml", text, Kind::kubernetes);
  const PrometheusModel& m = model_of(doc);
  REQUIRE(m.rules.size() == 1);
  CHECK(m.rules[0].name == "A");
  CHECK(m.rules[0].expr->expr() != nullptr);
}
