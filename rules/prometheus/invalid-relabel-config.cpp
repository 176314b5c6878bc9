#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

#include "core/spelling.hpp"
#include "engine/rule.hpp"
#include "model/prometheus_names.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A relabelling step of `prometheus.yml` that Prometheus refuses to load, in
`relabel_configs` and `metric_relabel_configs` of scrape jobs, `alert_relabel_configs` and
the alertmanagers' `relabel_configs`, and `write_relabel_configs` of remote writes — the
checks of Prometheus' `relabel.Config.Validate`:

- an unknown `action` (the actions: replace, keep, drop, keepequal, dropequal, hashmod,
  labelmap, labeldrop, labelkeep, lowercase, uppercase) or an unknown field;
- a `regex` that does not compile (Prometheus anchors it as `^(?:regex)$`, RE2 syntax);
- `replace`, `hashmod`, `lowercase`, `uppercase`, `keepequal`, `dropequal` without a
  `target_label`, or with an invalid one; `hashmod` without a non-zero `modulus`;
- `labeldrop`/`labelkeep` with fields besides `regex`; `keepequal`/`dropequal` with fields
  besides `source_labels` and `target_label`; a `replacement` on `lowercase`/`uppercase`;
- invalid label names in `source_labels`, an invalid `labelmap` replacement; an empty item.

## Why it matters
`promtool check config` fails and Prometheus refuses to start or to reload: every change
since the last good configuration is lost until someone reads the log.

## Example
```yaml
relabel_configs:
  - source_labels: [__meta_kubernetes_pod_label_app]
    action: replace
```

## Fixed
```yaml
relabel_configs:
  - source_labels: [__meta_kubernetes_pod_label_app]
    action: replace
    target_label: app
```

No automatic fix: the intended label is not known.
)md";

const RuleMeta kMeta{
    .id = "prometheus/invalid-relabel-config",
    .title = "Relabelling step that Prometheus rejects",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::prometheus_config},
    .docs = kDocs,
};

const std::vector<std::string_view> kActions{
    "replace",  "keep",      "drop",      "keepequal", "dropequal", "hashmod",
    "labelmap", "labeldrop", "labelkeep", "lowercase", "uppercase"};
const std::vector<std::string_view> kFields{"source_labels", "separator",   "regex", "modulus",
                                            "target_label",  "replacement", "action"};

// Prometheus' relabelTarget: label names, possibly built from `$1` / `${name}` references.
bool valid_relabel_target(std::string_view s) {
  static const RE2 target(R"(^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$)");
  return RE2::FullMatch(s, target);
}

class InvalidRelabelConfig final : public Rule {
 public:
  InvalidRelabelConfig() : Rule(kMeta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    const auto* stream = doc.tree<yaml::Stream>();
    if (!stream || stream->documents.empty() || !stream->documents.front().root) return;
    const yaml::Node& root = *stream->documents.front().root;
    if (!root.is_mapping()) return;
    if (const yaml::Node* jobs = root.get("scrape_configs"); jobs && jobs->is_sequence())
      for (const yaml::Node* job : jobs->items)
        if (job->is_mapping()) {
          steps(job->get("relabel_configs"), sink);
          steps(job->get("metric_relabel_configs"), sink);
        }
    if (const yaml::Node* alerting = root.get("alerting"); alerting && alerting->is_mapping()) {
      steps(alerting->get("alert_relabel_configs"), sink);
      if (const yaml::Node* ams = alerting->get("alertmanagers"); ams && ams->is_sequence())
        for (const yaml::Node* am : ams->items)
          if (am->is_mapping()) {
            steps(am->get("relabel_configs"), sink);
            steps(am->get("alert_relabel_configs"), sink);
          }
    }
    if (const yaml::Node* writes = root.get("remote_write"); writes && writes->is_sequence())
      for (const yaml::Node* w : writes->items)
        if (w->is_mapping()) steps(w->get("write_relabel_configs"), sink);
  }

 private:
  static void steps(const yaml::Node* list, FindingSink& sink) {
    if (!list || !list->is_sequence()) return;
    for (const yaml::Node* step : list->items) {
      if (step->is_mapping()) {
        check_step(*step, sink);
      } else if (step->is_null()) {
        sink.report(step->span.empty() ? list->span : step->span, "empty or null relabel rule");
      }
    }
  }

  static const yaml::Node* scalar(const yaml::Node& step, std::string_view key) {
    const yaml::Node* n = step.get(key);
    return n && n->is_scalar() && !n->is_null() ? n : nullptr;
  }

  static void check_step(const yaml::Node& step, FindingSink& sink) {
    for (const yaml::Pair& p : step.pairs) {
      if (!p.key->is_scalar() || p.merged) continue;
      if (std::find(kFields.begin(), kFields.end(), p.key->value) != kFields.end()) continue;
      auto near = closest_spelling(p.key->value, kFields, 3);
      sink.report(p.key->span, fmt::format("unknown relabel field `{}`{}", p.key->value,
                                            near ? fmt::format("; did you mean `{}`?", *near) : ""));
    }
    std::string action = "replace";
    Span action_span = step.span;
    if (const yaml::Node* a = scalar(step, "action")) {
      action = a->value;
      std::transform(action.begin(), action.end(), action.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      action_span = a->span;
      if (std::find(kActions.begin(), kActions.end(), action) == kActions.end()) {
        auto near = closest_spelling(action, kActions, 3);
        sink.report(a->span, fmt::format("unknown relabel action \"{}\"{}", a->value,
                                         near ? fmt::format("; did you mean `{}`?", *near) : ""));
        return;
      }
    }
    if (const yaml::Node* r = scalar(step, "regex")) {
      RE2::Options options;
      options.set_log_errors(false);
      RE2 anchored("^(?:" + r->value + ")$", options);
      if (!anchored.ok())
        sink.report(r->span, fmt::format("regex `{}` does not compile: {}", r->value,
                                         anchored.error()));
    }
    if (const yaml::Node* sources = step.get("source_labels"); sources && sources->is_sequence())
      for (const yaml::Node* s : sources->items)
        if (s->is_scalar() && !valid_label_name(s->value))
          sink.report(s->span, fmt::format("\"{}\" is not a valid label name", s->value));

    const yaml::Node* target = scalar(step, "target_label");
    bool needs_target = action == "replace" || action == "hashmod" || action == "lowercase" ||
                        action == "uppercase" || action == "keepequal" || action == "dropequal";
    if (needs_target && !target) {
      sink.report(action_span, fmt::format("relabel configuration for {} action requires "
                                           "'target_label' value",
                                           action));
    } else if (target) {
      bool valid = action == "replace" ? valid_relabel_target(target->value)
                                       : valid_label_name(target->value);
      if (needs_target && !valid)
        sink.report(target->span, fmt::format("\"{}\" is invalid 'target_label' for {} action",
                                              target->value, action));
    }
    if (action == "hashmod") {
      const yaml::Node* modulus = scalar(step, "modulus");
      if (!modulus || modulus->value == "0")
        sink.report(modulus ? modulus->span : action_span,
                    "relabel configuration for hashmod requires non-zero modulus");
    }
    bool case_or_equal = action == "lowercase" || action == "uppercase" ||
                         action == "keepequal" || action == "dropequal";
    if (case_or_equal && step.get("replacement"))
      sink.report(step.get("replacement")->span,
                  fmt::format("'replacement' can not be set for {} action", action));
    if (action == "labelmap") {
      const yaml::Node* replacement = scalar(step, "replacement");
      if (replacement && !valid_relabel_target(replacement->value))
        sink.report(replacement->span, fmt::format("\"{}\" is invalid 'replacement' for labelmap "
                                                   "action",
                                                   replacement->value));
    }
    only_fields(step, action, sink);
  }

  // labeldrop/labelkeep take only `regex`; keepequal/dropequal only the labels.
  static void only_fields(const yaml::Node& step, const std::string& action, FindingSink& sink) {
    std::vector<std::string_view> allowed;
    if (action == "labeldrop" || action == "labelkeep") {
      allowed = {"regex", "action"};
    } else if (action == "keepequal" || action == "dropequal") {
      allowed = {"source_labels", "target_label", "action", "replacement"};
    } else {
      return;
    }
    for (const yaml::Pair& p : step.pairs) {
      if (!p.key->is_scalar() || p.merged) continue;
      if (std::find(kFields.begin(), kFields.end(), p.key->value) == kFields.end()) continue;
      if (std::find(allowed.begin(), allowed.end(), p.key->value) != allowed.end()) continue;
      sink.report(p.key->span,
                  action == "labeldrop" || action == "labelkeep"
                      ? fmt::format("{} action requires only 'regex', and no other fields", action)
                      : fmt::format("{} action requires only 'source_labels' and `target_label`, "
                                    "and no other fields",
                                    action));
      return;
    }
  }
};

INFRALINT_REGISTER_RULE(InvalidRelabelConfig);

}  // namespace
}  // namespace infralint
