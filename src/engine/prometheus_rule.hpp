#pragma once
#include "engine/rule.hpp"
#include "model/entities.hpp"
#include "model/prometheus_entities.hpp"

namespace infralint {

// The kinds a rule about Prometheus rules looks at: rule files, and Kubernetes manifests for
// PrometheusRule objects.
inline const std::vector<Kind> kPrometheusRuleKinds{Kind::prometheus_rules, Kind::kubernetes};

// The document's Prometheus model (rule groups, rules, scrape jobs), or null.
inline const PrometheusModel* prometheus_model(const Document& doc) {
  const auto* model = doc.model<Model>();
  return model ? model->prometheus.get() : nullptr;
}

// Base of rules that look at each alerting or recording rule.
class PrometheusRuleCheck : public Rule {
 public:
  using Rule::Rule;
  void check(const Document& doc, FindingSink& sink) const final {
    if (const PrometheusModel* m = prometheus_model(doc))
      for (const PrometheusRule& r : m->rules) check(doc, *m, r, sink);
  }

 protected:
  virtual void check(const Document& doc, const PrometheusModel& model, const PrometheusRule& rule,
                     FindingSink& sink) const = 0;
};

}  // namespace infralint
