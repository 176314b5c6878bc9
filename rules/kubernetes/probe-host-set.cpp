#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A probe (`livenessProbe`, `readinessProbe`, `startupProbe`) or lifecycle hook (`postStart`,
`preStop`) whose `httpGet` or `tcpSocket` names a `host`. The Pod Security Standards' baseline
profile forbids it from Kubernetes 1.34 (the `kubernetes-version` setting). A loopback host
in a `hostNetwork` pod (control-plane static pods) is not reported: it reaches only the node
itself, and the host network is reported by `container/host-namespace`.

## Why it matters
The kubelet runs probes and hooks from the node, with the node's network identity. A `host`
other than the pod's own IP turns them into requests the node makes on the pod author's
behalf — to the cloud metadata service, to other nodes, to the API server's private
endpoints.

## Example
```yaml
livenessProbe:
  httpGet:
    host: 169.254.169.254
    path: /latest/meta-data/
    port: 80
```

## Fixed
```yaml
livenessProbe:
  httpGet:
    path: /healthz
    port: 8080
```

No automatic fix: removing the host changes what is probed.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/probe-host-set",
    .title = "Probe or lifecycle hook targets another host",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"PSS:baseline"},
    .aliases = {"pss:baseline:hostProbesAndHostLifecycle"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class ProbeHostSet final : public KubernetesObjectRule {
 public:
  ProbeHostSet() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.pod_spec || kubernetes_minor(sink) < 34) return;
    // A host-network pod's loopback is the node's own; its probes reach nothing new (the pod is
    // reported for the host network itself).
    bool host_network = scalar_bool(o.pod_spec->get("hostNetwork")) == true;
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      for (std::string_view probe : {"livenessProbe", "readinessProbe", "startupProbe"})
        check_handler(c.node->get(probe), probe, c, o, host_network, sink);
      for (std::string_view hook : {"postStart", "preStop"})
        check_handler(at_path(c.node, {"lifecycle", hook}), hook, c, o, host_network, sink);
    }
  }

 private:
  static void check_handler(const yaml::Node* handler, std::string_view what,
                            const k8s::ContainerNode& c, const k8s::Object& o, bool host_network,
                            FindingSink& sink) {
    for (std::string_view action : {"httpGet", "tcpSocket"}) {
      const yaml::Node* host = at_path(handler, {action, "host"});
      auto value = scalar_text(host);
      if (!value || value->empty()) continue;
      if (host_network && (*value == "127.0.0.1" || *value == "localhost" || *value == "::1"))
        continue;
      sink.report(host->span, fmt::format("the {} of container `{}` of {} sends the node's "
                                          "request to `{}`; remove `host` so it targets the pod",
                                          what, c.name, o.describe(), *value));
    }
  }
};

INFRALINT_REGISTER_RULE(ProbeHostSet);

}  // namespace
}  // namespace infralint
