// Prometheus rule files, PrometheusRule objects (spec.groups) and prometheus.yml into the model:
// rule groups, alerting and recording rules with their PromQL parsed in place, scrape jobs.
#include <algorithm>

#include "model/adapters.hpp"
#include "model/prometheus_entities.hpp"
#include "model/yaml_values.hpp"
#include "parse/yaml/scalar_map.hpp"

namespace infralint {
namespace {

std::vector<RuleKeyValue> key_values(const yaml::Node* map) {
  std::vector<RuleKeyValue> out;
  if (!map || !map->is_mapping()) return out;
  for (const yaml::Pair& p : map->pairs) {
    RuleKeyValue kv;
    kv.key = p.key->is_scalar() ? p.key->value : std::string();
    kv.key_span = p.key->span;
    kv.value = p.value->is_scalar() ? p.value->value : std::string();
    kv.value_span = p.value->span;
    kv.value_node = p.value;
    out.push_back(std::move(kv));
  }
  return out;
}

std::optional<std::int64_t> duration_of(const yaml::Node* node) {
  if (!node || !node->is_scalar() || node->is_null()) return std::nullopt;
  return promql::parse_duration(node->value);
}

std::vector<std::string> selected_jobs(const promql::Expr& expr) {
  std::vector<std::string> jobs;
  promql::walk(expr, [&](const promql::Expr& e) {
    if (e.kind != promql::ExprKind::vector_selector) return;
    for (const auto& m : e.matchers)
      if (m.name == "job" && m.op == promql::MatchOp::equal &&
          std::find(jobs.begin(), jobs.end(), m.value) == jobs.end())
        jobs.push_back(m.value);
  });
  return jobs;
}

}  // namespace

void read_rule_groups(std::string_view file, const yaml::Node& owner, PrometheusModel& out) {
  const yaml::Node* groups = owner.get("groups");
  if (!groups || !groups->is_sequence()) return;
  for (const yaml::Node* g : groups->items) {
    if (!g->is_mapping()) continue;
    RuleGroup group;
    group.node = g;
    const yaml::Node* name = g->get("name");
    group.name = scalar_text(name).value_or("");
    group.name_span = name ? name->span : Span{};
    group.span = name ? name->span : g->span;
    group.interval_ms = duration_of(g->get("interval"));
    std::size_t index = out.groups.size();
    out.groups.push_back(std::move(group));
    const yaml::Node* rules = g->get("rules");
    if (!rules || !rules->is_sequence()) continue;
    for (const yaml::Node* r : rules->items) {
      if (!r->is_mapping()) continue;
      PrometheusRule rule;
      rule.node = r;
      rule.group = index;
      const yaml::Node* alert = r->get("alert");
      const yaml::Node* record = r->get("record");
      bool has_alert = alert && alert->is_scalar() && !alert->value.empty();
      bool has_record = record && record->is_scalar() && !record->value.empty();
      if (has_alert != has_record) {
        const yaml::Node* n = has_alert ? alert : record;
        rule.type = has_alert ? PrometheusRule::Type::alerting : PrometheusRule::Type::recording;
        rule.name = n->value;
        rule.name_span = n->span;
      } else {
        rule.name_span = r->span;
      }
      const yaml::Node* expr = r->get("expr");
      if (expr && expr->is_scalar() && !expr->is_null()) {
        auto embedded = std::make_shared<EmbeddedPromql>();
        embedded->text = yaml::map_scalar(file, *expr);
        embedded->span = expr->span;
        embedded->parsed = promql::parse(embedded->text.text());
        if (const promql::Expr* e = embedded->expr()) rule.jobs = selected_jobs(*e);
        rule.expr = std::move(embedded);
      }
      const yaml::Node* for_node = r->get("for");
      rule.for_ms = duration_of(for_node);
      rule.for_span = for_node ? for_node->span : Span{};
      rule.labels = key_values(r->get("labels"));
      rule.annotations = key_values(r->get("annotations"));
      out.rules.push_back(std::move(rule));
    }
  }
}

void read_scrape_jobs(const yaml::Node& root, PrometheusModel& out) {
  std::int64_t global_interval = 60000, global_timeout = 10000;
  Span global_interval_span, global_timeout_span;
  if (const yaml::Node* global = root.get("global"); global && global->is_mapping()) {
    if (auto v = duration_of(global->get("scrape_interval"))) {
      global_interval = *v;
      global_interval_span = global->get("scrape_interval")->span;
      out.global_scrape_interval_ms = v;
      out.global_scrape_interval_span = global_interval_span;
    }
    if (auto v = duration_of(global->get("scrape_timeout"))) {
      global_timeout = *v;
      global_timeout_span = global->get("scrape_timeout")->span;
    } else if (global_timeout > global_interval) {
      global_timeout = global_interval;
    }
  }
  const yaml::Node* jobs = root.get("scrape_configs");
  if (!jobs || !jobs->is_sequence()) return;
  for (const yaml::Node* j : jobs->items) {
    if (!j->is_mapping()) continue;
    ScrapeJob job;
    job.node = j;
    const yaml::Node* name = j->get("job_name");
    job.name = scalar_text(name).value_or("");
    job.name_span = name ? name->span : j->span;
    job.interval_ms = global_interval;
    job.interval_span = global_interval_span;
    if (auto v = duration_of(j->get("scrape_interval"))) {
      job.interval_ms = *v;
      job.interval_span = j->get("scrape_interval")->span;
    }
    if (auto v = duration_of(j->get("scrape_timeout"))) {
      job.timeout_ms = *v;
      job.timeout_span = j->get("scrape_timeout")->span;
    } else {
      // Prometheus: an unset job timeout is the global one, capped at the job's interval.
      job.timeout_ms = std::min(global_timeout, job.interval_ms);
      job.timeout_span = global_timeout_span;
    }
    out.scrape_jobs.push_back(std::move(job));
  }
}

void adapt_prometheus(const Document& doc, Model& model) {
  const auto* stream = doc.tree<yaml::Stream>();
  if (!stream) return;
  auto prometheus = std::make_shared<PrometheusModel>();
  for (const yaml::YamlDocument& d : stream->documents) {
    if (!d.root || !d.root->is_mapping()) continue;
    switch (doc.kind()) {
      case Kind::prometheus_rules:
        read_rule_groups(doc.text(), *d.root, *prometheus);
        break;
      case Kind::prometheus_config:
        read_scrape_jobs(*d.root, *prometheus);
        break;
      case Kind::kubernetes:
        if (scalar_text(d.root->get("kind")) == "PrometheusRule") {
          if (const yaml::Node* spec = d.root->get("spec"); spec && spec->is_mapping())
            read_rule_groups(doc.text(), *spec, *prometheus);
        }
        break;
      default:
        break;
    }
    // promtool reads only the first document of a rule file or prometheus.yml.
    if (doc.kind() != Kind::kubernetes) break;
  }
  if (doc.kind() != Kind::kubernetes || !prometheus->groups.empty())
    model.prometheus = std::move(prometheus);
}

}  // namespace infralint
