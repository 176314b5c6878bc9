#include <fmt/format.h>

#include <map>
#include <tuple>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Ports of a pod declared twice, among its containers and its sidecar init containers
(`restartPolicy: Always`), which share one network namespace:
- the same port `name` twice in one container — an error: the API server rejects the pod;
- the same port `name` in two containers — a warning: a Service's named `targetPort` then
  means whichever container the endpoints controller finds first;
- the same `containerPort` and `protocol` (TCP when absent) twice — a warning: in one container
  it is a copy-paste slip the API server warns about; in two containers only one process can
  bind it, and the other fails at start.

## Why it matters
The rejected pod fails the apply; the others route traffic to the wrong process or crash-loop
a container with `address already in use`, long after review.

## Example
```yaml
containers:
  - name: api
    ports:
      - {name: http, containerPort: 8080}
  - name: metrics
    ports:
      - {name: http, containerPort: 8080}
```

## Fixed
```yaml
containers:
  - name: api
    ports:
      - {name: http, containerPort: 8080}
  - name: metrics
    ports:
      - {name: metrics, containerPort: 9090}
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/duplicate-container-port",
    .title = "Container port or port name declared twice in a pod",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"kube-score:container-ports-check"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

struct Seen {
  const yaml::Node* node;
  const yaml::Node* container;  // by node: two containers may (wrongly) share a name
  std::string name;
};

class DuplicateContainerPort final : public KubernetesObjectRule {
 public:
  DuplicateContainerPort() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    std::map<std::string, Seen, std::less<>> names;
    std::map<std::pair<std::int64_t, std::string>, Seen> numbers;
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      if (c.list == "ephemeralContainers") continue;
      if (c.list == "initContainers" && scalar_text(c.node->get("restartPolicy")) != "Always")
        continue;
      const yaml::Node* ports = c.node->get("ports");
      if (!ports || !ports->is_sequence()) continue;
      for (const yaml::Node* p : ports->items) {
        if (!p->is_mapping()) continue;
        const yaml::Node* name = p->get("name");
        if (auto n = scalar_text(name); n && !n->empty()) {
          auto [it, fresh] = names.try_emplace(*n, Seen{name, c.node, c.name});
          if (!fresh) {
            bool same = it->second.container == c.node;
            Finding& f = sink.report(
                name->span,
                same ? fmt::format("container `{}` of {} names two ports `{}`: the API server "
                                   "rejects the pod; give each port its own name",
                                   c.name, o.describe(), *n)
                     : fmt::format("containers `{}` and `{}` of {} both name a port `{}`: a "
                                   "Service's `targetPort: {}` is ambiguous; rename one",
                                   it->second.name, c.name, o.describe(), *n, *n));
            if (same) f.severity = Severity::error;
            f.related.push_back({it->second.node->span, "first declared here", {}});
          }
        }
        const yaml::Node* port = p->get("containerPort");
        auto number = scalar_int(port);
        if (!number) continue;
        std::string protocol = scalar_text(p->get("protocol")).value_or("TCP");
        auto [it, fresh] = numbers.try_emplace({*number, protocol}, Seen{port, c.node, c.name});
        if (fresh) continue;
        bool same = it->second.container == c.node;
        Finding& f = sink.report(
            port->span,
            same ? fmt::format("container `{}` of {} declares port {}/{} twice; remove the copy",
                               c.name, o.describe(), *number, protocol)
                 : fmt::format("containers `{}` and `{}` of {} both declare port {}/{}: they "
                               "share the pod's network, so only one can bind it",
                               it->second.name, c.name, o.describe(), *number, protocol));
        f.related.push_back({it->second.node->span, "first declared here", {}});
      }
    }
  }
};

INFRALINT_REGISTER_RULE(DuplicateContainerPort);

}  // namespace
}  // namespace infralint
