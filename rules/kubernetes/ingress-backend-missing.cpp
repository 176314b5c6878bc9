#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_relations.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An Ingress backend (`defaultBackend` or a rule's path) naming a Service that the linted files
do not define, or a port (number or name) that Service does not have. Judged only when the
linted files define Services in the Ingress' namespace.

## Why it matters
The ingress controller answers 503 for every request routed there; a renamed Service or port
is the usual cause and nothing fails at apply time.

## Example
```yaml
backend:
  service:
    name: backend
    port:
      number: 80
```
while the Service is called `backend-service`.

## Fixed
```yaml
backend:
  service:
    name: backend-service
    port:
      number: 80
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/ingress-backend-missing",
    .title = "Ingress routes to a missing Service or port",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"kube-linter:dangling-ingress", "kube-score:ingress-targets-service"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

struct Backend {
  const yaml::Node* name = nullptr;
  const yaml::Node* port = nullptr;  // number or name
};

Backend backend_of(const yaml::Node* backend) {
  if (!backend || !backend->is_mapping()) return {};
  if (const yaml::Node* service = backend->get("service")) {
    const yaml::Node* port = at_path(service, {"port", "number"});
    if (!port) port = at_path(service, {"port", "name"});
    return {at_path(service, {"name"}), port};
  }
  return {backend->get("serviceName"), backend->get("servicePort")};
}

class IngressBackendMissing final : public KubernetesStreamRule {
 public:
  IngressBackendMissing() : KubernetesStreamRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const std::vector<k8s::Object>& objects,
             FindingSink& sink) const override {
    for (const k8s::Object& o : objects) {
      if (o.kind != "Ingress" || !k8s::has_kind_in(objects, "Service", o.namespace_)) continue;
      std::vector<Backend> backends;
      const yaml::Node* spec = o.spec();
      backends.push_back(backend_of(at_path(spec, {"defaultBackend"})));
      backends.push_back(backend_of(at_path(spec, {"backend"})));
      if (const yaml::Node* rules = at_path(spec, {"rules"}); rules && rules->is_sequence())
        for (const yaml::Node* rule : rules->items)
          if (const yaml::Node* paths = at_path(rule, {"http", "paths"});
              paths && paths->is_sequence())
            for (const yaml::Node* path : paths->items)
              backends.push_back(backend_of(at_path(path, {"backend"})));
      for (const Backend& b : backends) judge(o, objects, b, sink);
    }
  }

 private:
  static void judge(const k8s::Object& ingress, const std::vector<k8s::Object>& objects,
                    const Backend& b, FindingSink& sink) {
    auto name = scalar_text(b.name);
    if (!name || name->empty()) return;
    const k8s::Object* service = k8s::find_object(objects, "Service", *name, ingress.namespace_);
    if (!service) {
      sink.report(b.name->span, fmt::format("{} routes to Service `{}`, which is not defined "
                                            "here; the controller will answer 503",
                                            ingress.describe(), *name));
      return;
    }
    auto port = scalar_text(b.port);
    const yaml::Node* ports = at_path(service->node, {"spec", "ports"});
    if (!port || !ports || !ports->is_sequence()) return;
    bool numeric = b.port->type == yaml::ScalarType::integer;
    for (const yaml::Node* p : ports->items)
      if (scalar_text(at_path(p, {numeric ? "port" : "name"})) == port) return;
    Finding& f = sink.report(b.port->span, fmt::format("{} routes to port {} of Service `{}`, "
                                                       "which has no such port",
                                                       ingress.describe(), *port, *name));
    f.related.push_back({ports->span, fmt::format("the ports of {}", service->describe())});
  }
};

INFRALINT_REGISTER_RULE(IngressBackendMissing);

}  // namespace
}  // namespace infralint
