#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Service of type `NodePort` or `LoadBalancer`.

Opt-in: an ingress controller's Service is a LoadBalancer by design. Select it by id, with
`kube-linter:exposed-services` or `kube-score:service-type`.

## Why it matters
A NodePort opens the port on every node of the cluster, on every interface, bypassing the
ingress controller's TLS, authentication and rate limits; a LoadBalancer gets a cloud load
balancer, usually public. One ingress controller is normally the only way in.

## Example
```yaml
kind: Service
spec:
  type: NodePort
```

## Fixed
```yaml
kind: Service
spec:
  type: ClusterIP
```
(and an Ingress or Gateway route to it)

No automatic fix: something outside may depend on the port.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/service-exposed-outside-cluster",
    .title = "Service exposed outside the cluster",
    .severity = Severity::info,
    .categories = {Category::security},
    .aliases = {"kube-linter:exposed-services", "kube-score:service-type"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .opt_in = true,
};

class ServiceExposedOutsideCluster final : public KubernetesObjectRule {
 public:
  ServiceExposedOutsideCluster() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (o.kind != "Service") return;
    const yaml::Node* type = at_path(o.node, {"spec", "type"});
    auto value = scalar_text(type);
    if (value == "NodePort")
      sink.report(type->span, fmt::format("{} is a NodePort: its ports are open on every node; "
                                          "use ClusterIP behind an Ingress",
                                          o.describe()));
    else if (value == "LoadBalancer")
      sink.report(type->span, fmt::format("{} is a LoadBalancer, reachable from outside the "
                                          "cluster; use ClusterIP behind an Ingress unless it is "
                                          "the way in",
                                          o.describe()));
  }
};

INFRALINT_REGISTER_RULE(ServiceExposedOutsideCluster);

}  // namespace
}  // namespace infralint
