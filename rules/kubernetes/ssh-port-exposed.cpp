#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container that declares TCP port 22 (`containerPort: 22`, protocol TCP or unset).

## Why it matters
An SSH server in a container is a second way in, with its own credentials to leak and its own
vulnerabilities, that bypasses the cluster's audit trail (`kubectl exec` is logged, an SSH
session is not). Debugging belongs to `kubectl exec` or ephemeral containers.

## Example
```yaml
ports:
  - containerPort: 22
```

## Fixed
Remove the SSH server and the port.

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/ssh-port-exposed",
    .title = "Container exposes SSH",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"kube-linter:ssh-port"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class SshPortExposed final : public KubernetesObjectRule {
 public:
  SshPortExposed() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      const yaml::Node* ports = c.node->get("ports");
      if (!ports || !ports->is_sequence()) continue;
      for (const yaml::Node* p : ports->items) {
        const yaml::Node* number = at_path(p, {"containerPort"});
        std::string protocol = scalar_text(at_path(p, {"protocol"})).value_or("TCP");
        if (scalar_int(number) != 22 || protocol != "TCP") continue;
        sink.report(number->span, fmt::format("container `{}` of {} exposes SSH (port 22): use "
                                              "`kubectl exec` or an ephemeral container instead",
                                              c.name, o.describe()));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(SshPortExposed);

}  // namespace
}  // namespace infralint
