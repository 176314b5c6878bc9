#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container's `ports[].containerPort` below 1024, in every pod-template kind (init containers
included). A pod that lowers `net.ipv4.ip_unprivileged_port_start` through its `sysctls` to
the port or below is not reported: the port is not privileged there. `hostPort` is
`container/privileged-host-port`'s.

## Why it matters
Binding a port below 1024 needs root or the `NET_BIND_SERVICE` capability, so the image must
keep one of them — the opposite of running as a non-root user with every capability dropped.
Listening on 8080 and letting the Service map port 80 to it costs nothing.

## Example
```yaml
containers:
  - name: web
    ports:
      - containerPort: 80
```

## Fixed
```yaml
containers:
  - name: web
    ports:
      - containerPort: 8080
```
with the Service's `targetPort` and the server's listen port changed with it.

No automatic fix: the process in the image must listen on the new port.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/privileged-container-port",
    .title = "Container listens on a privileged port",
    .severity = Severity::info,
    .categories = {Category::security},
    .aliases = {"kube-linter:privileged-ports", "trivy:KSV-0117"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

// The pod's `net.ipv4.ip_unprivileged_port_start` sysctl (1024 when not set).
std::int64_t unprivileged_port_start(const yaml::Node* pod_spec) {
  const yaml::Node* sysctls = at_path(pod_spec, {"securityContext", "sysctls"});
  if (!sysctls || !sysctls->is_sequence()) return 1024;
  for (const yaml::Node* s : sysctls->items) {
    if (!s->is_mapping() || scalar_text(s->get("name")) != "net.ipv4.ip_unprivileged_port_start")
      continue;
    if (auto v = scalar_text(s->get("value"))) try {
        return std::stoll(*v);
      } catch (...) {
      }
  }
  return 1024;
}

class PrivilegedContainerPort final : public KubernetesObjectRule {
 public:
  PrivilegedContainerPort() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.pod_spec) return;
    std::int64_t start = unprivileged_port_start(o.pod_spec);
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      const yaml::Node* ports = c.node->get("ports");
      if (!ports || !ports->is_sequence()) continue;
      for (const yaml::Node* p : ports->items) {
        const yaml::Node* port = p->is_mapping() ? p->get("containerPort") : nullptr;
        auto number = scalar_int(port);
        if (!number || *number <= 0 || *number >= start) continue;
        sink.report(port->span,
                    fmt::format("container `{}` of {} listens on port {}, below 1024: binding it "
                                "needs root or `NET_BIND_SERVICE`; listen on a port above 1024 "
                                "and map it in the Service",
                                c.name, o.describe(), *number));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(PrivilegedContainerPort);

}  // namespace
}  // namespace infralint
