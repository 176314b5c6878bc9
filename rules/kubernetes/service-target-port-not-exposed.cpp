#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_relations.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Service port whose `targetPort` (or `port`, when `targetPort` is omitted) is not a port the
pods it selects declare: a name no container port has (a warning: the Service gets no
endpoints), or a number that is no `containerPort` when the selected containers declare ports
(info: a container may listen on a port it does not declare). Only pods of the linted files
are considered.

## Why it matters
Connections to the Service reach the pods on a port nothing listens on (numeric) or the
endpoint is never created (named): the Service looks healthy and every request fails.

## Example
```yaml
kind: Service
spec:
  ports:
    - port: 80
      targetPort: 8080
---
kind: Deployment
...
        ports:
          - containerPort: 3000
```

## Fixed
```yaml
      targetPort: 3000
```

No automatic fix: which side is wrong is the author's call.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/service-target-port-not-exposed",
    .title = "Service targets a port its pods do not declare",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class ServiceTargetPortNotExposed final : public KubernetesStreamRule {
 public:
  ServiceTargetPortNotExposed() : KubernetesStreamRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const std::vector<k8s::Object>& objects,
             FindingSink& sink) const override {
    for (const k8s::Object& o : objects) {
      if (o.kind != "Service") continue;
      const yaml::Node* selector = at_path(o.node, {"spec", "selector"});
      auto selected = k8s::workloads_selected(objects, o.namespace_, selector, true);
      const yaml::Node* ports = at_path(o.node, {"spec", "ports"});
      if (selected.empty() || !ports || !ports->is_sequence()) continue;
      std::vector<k8s::DeclaredPort> declared;
      for (const k8s::Object* w : selected) {
        auto more = k8s::declared_ports(*w);
        declared.insert(declared.end(), more.begin(), more.end());
      }
      if (declared.empty()) continue;
      for (const yaml::Node* p : ports->items) {
        const yaml::Node* target = p->is_mapping() ? p->get("targetPort") : nullptr;
        if (!target) target = p->is_mapping() ? p->get("port") : nullptr;
        auto value = scalar_text(target);
        if (!value || value->empty()) continue;
        bool numeric = target->type == yaml::ScalarType::integer;
        bool found = false;
        for (const auto& d : declared) found = found || (numeric ? d.number : d.name) == *value;
        if (found) continue;
        std::string workloads =
            selected.size() == 1 ? selected.front()->describe() : "the pods it selects";
        // Ports need not be declared to be served: a number is only probably wrong.
        Finding& f = sink.report(
            target->span,
            numeric ? fmt::format("{} sends port {} to container port {}, which no container of "
                                  "{} declares; unless it listens there undeclared, nothing "
                                  "answers",
                                  o.describe(), scalar_text(p->get("port")).value_or("?"), *value,
                                  workloads)
                    : fmt::format("{} sends port {} to the named port `{}`, which no container of "
                                  "{} declares: the Service gets no endpoints",
                                  o.describe(), scalar_text(p->get("port")).value_or("?"), *value,
                                  workloads));
        if (numeric) f.severity = Severity::info;
        for (const auto& d : declared)
          f.related.push_back(
              {d.node->span, fmt::format("declared port {}{}", d.number,
                                         d.name.empty() ? "" : " (" + d.name + ")")});
      }
    }
  }
};

INFRALINT_REGISTER_RULE(ServiceTargetPortNotExposed);

}  // namespace
}  // namespace infralint
