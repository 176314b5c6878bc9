#include <fmt/format.h>

#include <map>

#include "engine/prometheus_rule.hpp"
#include "model/prometheus_names.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Everything `promtool check rules` rejects in the structure of a rule file (and of a
`PrometheusRule` object's `spec.groups`), at the exact key or value:

- unknown fields (Prometheus reads rule files strictly), duplicate keys;
- a group without a name, or two groups with the same name in one file;
- a rule with both `record` and `alert`, or neither; a rule without `expr`;
- a recording rule name that is not a valid metric name (`record: job:errors/rate5m`);
- label names that are not valid (`team-name`), or `__name__`; invalid annotation names;
- `for`, `keep_firing_for` and group `interval` values that are not Prometheus durations
  (`5 min`, `1.5h`), a `limit` that is not an integer;
- values of the wrong type (`rules` that is not a list, labels that are not a mapping).

Names are checked with Prometheus' classic rules (letters, digits, `_`, and `:` in metric
names), which promtool 2.x applies.

## Why it matters
Prometheus refuses to load a rule file with any of these errors: every rule in it, including
the alerts that are fine, stops being evaluated at the next reload.

## Example
```yaml
groups:
  - name: api
    rules:
      - alert: HighErrorRate
        expr: rate(http_errors_total[5m]) > 1
        labels:
          team-name: api
        summry: Error rate high
```

## Fixed
```yaml
groups:
  - name: api
    rules:
      - alert: HighErrorRate
        expr: rate(http_errors_total[5m]) > 1
        labels:
          team_name: api
        annotations:
          summary: Error rate high
```

No automatic fix: the intended spelling is not known.
)md";

const RuleMeta kMeta{
    .id = "prometheus/invalid-rule-file",
    .title = "Rule file that promtool rejects",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"pint:yaml/parse"},
    .fix = FixAvailability::none,
    .kinds = kPrometheusRuleKinds,
    .docs = kDocs,
};

constexpr std::string_view kGroupFields[] = {"name",         "interval", "limit",
                                             "query_offset", "labels",   "rules"};
constexpr std::string_view kRuleFields[] = {"record",          "alert",  "expr",       "for",
                                            "keep_firing_for", "labels", "annotations"};

template <std::size_t N>
bool known(std::string_view key, const std::string_view (&fields)[N]) {
  for (std::string_view f : fields)
    if (f == key) return true;
  return false;
}

class InvalidRuleFile final : public Rule {
 public:
  InvalidRuleFile() : Rule(kMeta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    const auto* stream = doc.tree<yaml::Stream>();
    if (!stream) return;
    for (const yaml::YamlDocument& d : stream->documents) {
      if (!d.root) continue;
      if (doc.kind() == Kind::prometheus_rules) {
        check_file(*d.root, sink);
        break;  // promtool reads the first document only
      }
      if (d.root->is_mapping() && scalar_text(d.root->get("kind")) == "PrometheusRule") {
        if (const yaml::Node* spec = d.root->get("spec"); spec && spec->is_mapping())
          check_groups(spec->get("groups"), sink, true);
      }
    }
  }

 private:
  static void duplicates(const yaml::Node& map, FindingSink& sink) {
    std::map<std::string, const yaml::Node*> seen;
    for (const yaml::Pair& p : map.pairs) {
      if (p.merged || !p.key->is_scalar()) continue;
      auto [it, inserted] = seen.emplace(p.key->value, p.key);
      if (!inserted)
        sink.report(p.key->span, fmt::format("mapping key \"{}\" already defined", p.key->value));
    }
  }

  static void check_file(const yaml::Node& root, FindingSink& sink) {
    if (!root.is_mapping()) {
      if (!root.is_null()) sink.report(root.span, "a rule file must be a mapping with `groups`");
      return;
    }
    duplicates(root, sink);
    for (const yaml::Pair& p : root.pairs) {
      if (p.key->is_scalar() && p.key->value != "groups")
        sink.report(p.key->span, fmt::format("unknown field \"{}\" at the top of a rule file "
                                             "(only `groups` is allowed)",
                                             p.key->value));
    }
    check_groups(root.get("groups"), sink, false);
  }

  static void check_groups(const yaml::Node* groups, FindingSink& sink, bool crd) {
    if (!groups || groups->is_null()) return;
    if (!groups->is_sequence()) {
      sink.report(groups->span, "`groups` must be a list of rule groups");
      return;
    }
    std::map<std::string, Span> names;
    for (const yaml::Node* g : groups->items) {
      if (!g->is_mapping()) {
        sink.report(g->span, "a rule group must be a mapping with `name` and `rules`");
        continue;
      }
      duplicates(*g, sink);
      for (const yaml::Pair& p : g->pairs) {
        if (!p.key->is_scalar() || known(p.key->value, kGroupFields)) continue;
        if (crd && p.key->value == "partial_response_strategy") continue;
        sink.report(p.key->span, fmt::format("unknown field \"{}\" in rule group; known fields: "
                                             "name, interval, limit, query_offset, labels, rules",
                                             p.key->value));
      }
      const yaml::Node* name = g->get("name");
      std::string n = scalar_text(name).value_or("");
      if (n.empty()) {
        sink.report(name ? name->span : g->span, "Groupname must not be empty");
      } else if (auto [it, inserted] = names.emplace(n, name->span); !inserted) {
        sink.report(name->span, fmt::format("groupname: \"{}\" is repeated in the same file", n))
            .related.push_back({it->second, "first defined here"});
      }
      duration(g->get("interval"), "interval", sink);
      duration(g->get("query_offset"), "query_offset", sink);
      if (const yaml::Node* limit = g->get("limit");
          limit && !limit->is_null() && !scalar_int(limit))
        sink.report(limit->span, "`limit` must be an integer");
      labels(g->get("labels"), "label", sink);
      const yaml::Node* rules = g->get("rules");
      if (!rules || rules->is_null()) continue;
      if (!rules->is_sequence()) {
        sink.report(rules->span, "`rules` must be a list of rules");
        continue;
      }
      for (const yaml::Node* r : rules->items) check_rule(*r, sink);
    }
  }

  static void duration(const yaml::Node* node, std::string_view field, FindingSink& sink) {
    if (!node || node->is_null()) return;
    if (!node->is_scalar() || !promql::parse_duration(node->value)) {
      sink.report(node->span, fmt::format("`{}`: not a valid duration string: \"{}\" (use e.g. "
                                          "30s, 5m, 1h30m)",
                                          field, node->is_scalar() ? node->value : ""));
    }
  }

  // Labels (or annotations) must be a mapping of valid names to scalar values.
  static void labels(const yaml::Node* node, std::string_view what, FindingSink& sink) {
    if (!node || node->is_null()) return;
    if (!node->is_mapping()) {
      sink.report(node->span, fmt::format("{}s must be a mapping of names to values", what));
      return;
    }
    duplicates(*node, sink);
    for (const yaml::Pair& p : node->pairs) {
      std::string key = p.key->is_scalar() ? p.key->value : "";
      if (!valid_label_name(key) || (what == "label" && key == "__name__"))
        sink.report(p.key->span, fmt::format("invalid {} name: {}", what, key));
      if (!p.value->is_scalar())
        sink.report(p.value->span,
                    fmt::format("the value of {} \"{}\" must be a string", what, key));
    }
  }

  static void check_rule(const yaml::Node& r, FindingSink& sink) {
    if (!r.is_mapping()) {
      sink.report(r.span, "a rule must be a mapping with `alert` or `record` and `expr`");
      return;
    }
    duplicates(r, sink);
    for (const yaml::Pair& p : r.pairs) {
      if (p.key->is_scalar() && !known(p.key->value, kRuleFields))
        sink.report(p.key->span, fmt::format("unknown field \"{}\" in rule; known fields: record, "
                                             "alert, expr, for, keep_firing_for, labels, "
                                             "annotations",
                                             p.key->value));
    }
    const yaml::Node* record = r.get("record");
    const yaml::Node* alert = r.get("alert");
    std::string rec = scalar_text(record).value_or("");
    bool has_record = !rec.empty();
    bool has_alert = !scalar_text(alert).value_or("").empty();
    Span where = r.pairs.empty() ? r.span : r.pairs.front().key->span;
    if (has_record && has_alert) {
      sink.report(alert->span, "only one of 'record' and 'alert' must be set");
    } else if (!has_record && !has_alert) {
      sink.report(where, "one of 'record' or 'alert' must be set");
    }
    const yaml::Node* expr = r.get("expr");
    if (!expr || !expr->is_scalar() || expr->value.empty())
      sink.report(expr ? expr->span : where, "field 'expr' must be set in rule");
    if (has_record && !valid_metric_name(rec))
      sink.report(record->span, fmt::format("invalid recording rule name: {}", rec));
    duration(r.get("for"), "for", sink);
    duration(r.get("keep_firing_for"), "keep_firing_for", sink);
    labels(r.get("labels"), "label", sink);
    labels(r.get("annotations"), "annotation", sink);
  }
};

INFRALINT_REGISTER_RULE(InvalidRuleFile);

}  // namespace
}  // namespace infralint
