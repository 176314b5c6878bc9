#include <fmt/format.h>

#include <algorithm>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `livenessProbe`, `readinessProbe` or `startupProbe` whose `httpGet`, `tcpSocket` or `grpc`
port is a name that none of the container's `ports` declares, or a number that no container
of the pod declares while this container declares ports (containers of a pod share its
network, so a sibling's port is reachable).

## Why it matters
A named port that does not exist makes the pod fail validation or the probe fail forever; a
number the container does not listen on fails the probe (the pod restarts in a loop, or never
becomes ready). Both typically appear when a port is renamed or moved and the probe is
forgotten.

## Example
```yaml
ports:
  - name: http
    containerPort: 8080
livenessProbe:
  httpGet:
    path: /healthz
    port: web
```

## Fixed
```yaml
livenessProbe:
  httpGet:
    path: /healthz
    port: http
```

No automatic fix: which port was meant is the author's call.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/probe-port-not-declared",
    .title = "Probe targets a port the container does not declare",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"kube-linter:liveness-port", "kube-linter:readiness-port",
                "kube-linter:startup-port"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class ProbePortNotDeclared final : public KubernetesObjectRule {
 public:
  ProbePortNotDeclared() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    // Containers of a pod share its network: a number declared by a sibling is served.
    std::vector<std::string> numbers;
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec))
      if (const yaml::Node* ports = c.node->get("ports"); ports && ports->is_sequence())
        for (const yaml::Node* p : ports->items)
          if (auto n = scalar_text(at_path(p, {"containerPort"}))) numbers.push_back(*n);
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      const yaml::Node* ports = c.node->get("ports");
      std::vector<std::string> names, own_numbers;
      if (ports && ports->is_sequence())
        for (const yaml::Node* p : ports->items) {
          if (auto n = scalar_text(at_path(p, {"name"}))) names.push_back(*n);
          if (auto n = scalar_text(at_path(p, {"containerPort"}))) own_numbers.push_back(*n);
        }
      for (std::string_view probe : {"livenessProbe", "readinessProbe", "startupProbe"})
        for (std::string_view action : {"httpGet", "tcpSocket", "grpc"}) {
          const yaml::Node* port = at_path(c.node, {probe, action, "port"});
          auto value = scalar_text(port);
          if (!value || value->empty()) continue;
          bool numeric = port->type == yaml::ScalarType::integer;
          if (numeric) {
            if (own_numbers.empty() || contains(numbers, *value)) continue;
            sink.report(port->span,
                        fmt::format("the {} of container `{}` of {} probes port {}, which the "
                                    "container does not declare",
                                    probe, c.name, o.describe(), *value));
          } else if (!contains(names, *value)) {
            sink.report(port->span,
                        fmt::format("the {} of container `{}` of {} probes port `{}`, but no "
                                    "port of the container has that name",
                                    probe, c.name, o.describe(), *value));
          }
        }
    }
  }

 private:
  static bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
  }
};

INFRALINT_REGISTER_RULE(ProbePortNotDeclared);

}  // namespace
}  // namespace infralint
