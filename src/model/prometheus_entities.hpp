#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/mapped_text.hpp"
#include "core/span.hpp"
#include "parse/promql/ast.hpp"

namespace infralint {

namespace yaml {
struct Node;
}

// A PromQL expression embedded in YAML: the decoded text, its parse, and the map from the
// text's offsets back to the file.
struct EmbeddedPromql {
  MappedText text;
  promql::ParseResult parsed;
  Span span;  // the YAML scalar, quotes and block indicator included
  Span to_file(Span local) const { return text.to_parent(local); }
  const promql::Expr* expr() const { return parsed.ok() ? parsed.expr.get() : nullptr; }
};

// A label or annotation of a rule, or a group label.
struct RuleKeyValue {
  std::string key;
  std::string value;
  Span key_span;
  Span value_span;
  const yaml::Node* value_node = nullptr;
};

// A rule group of a rule file or of a PrometheusRule's spec.groups.
struct RuleGroup {
  std::string name;
  Span name_span;
  Span span;  // what to underline when nothing more precise exists (the `name` value or group)
  std::optional<std::int64_t> interval_ms;
  const yaml::Node* node = nullptr;
};

// One rule: an alerting rule (AlertRule) or a recording rule (RecordingRule).
struct PrometheusRule {
  enum class Type { alerting, recording, invalid };
  Type type = Type::invalid;
  std::string name;  // alert or record
  Span name_span;
  std::size_t group = 0;  // index into PrometheusModel::groups
  const yaml::Node* node = nullptr;
  std::shared_ptr<EmbeddedPromql> expr;  // null when `expr` is missing or not a string
  std::optional<std::int64_t> for_ms;
  Span for_span;
  std::vector<RuleKeyValue> labels;
  std::vector<RuleKeyValue> annotations;
  // Label values of `job` the expression selects on (job="x"): the scrape jobs it relies on.
  std::vector<std::string> jobs;
  bool alerting() const { return type == Type::alerting; }
  bool recording() const { return type == Type::recording; }
  const RuleKeyValue* annotation(std::string_view key) const {
    for (const auto& a : annotations)
      if (a.key == key) return &a;
    return nullptr;
  }
};

// A scrape job of prometheus.yml, with its effective interval and timeout.
struct ScrapeJob {
  std::string name;
  Span name_span;
  std::int64_t interval_ms = 60000;
  std::int64_t timeout_ms = 10000;
  Span interval_span;  // where the effective value was written (job or global); empty: default
  Span timeout_span;
  const yaml::Node* node = nullptr;
};

struct PrometheusModel {
  std::vector<RuleGroup> groups;
  std::vector<PrometheusRule> rules;
  std::vector<ScrapeJob> scrape_jobs;
  std::optional<std::int64_t> global_scrape_interval_ms;
  Span global_scrape_interval_span;
};

// Rules and groups of a rule document's root mapping (`groups:`), or of a PrometheusRule's spec.
void read_rule_groups(std::string_view file, const yaml::Node& groups_owner, PrometheusModel& out);
// Scrape jobs of a prometheus.yml root mapping.
void read_scrape_jobs(const yaml::Node& root, PrometheusModel& out);

}  // namespace infralint
