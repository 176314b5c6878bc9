#include <fmt/format.h>

#include "engine/container_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
- A compose `ports` entry without a host IP (`"5432:5432"`, `"8080"`, long syntax without
  `host_ip`) or bound to `0.0.0.0` / `::`: it listens on every interface of the host.
- A Kubernetes container port with a `hostPort`: without `hostIP` (or with `0.0.0.0`) it is
  reachable on that port of every address of the node; with a `hostIP` it is still reported,
  as Polaris, checkov, trivy and the Pod Security Standards (baseline) reject every hostPort.

Host IPs that are interpolated (`${BIND_ADDR}:80:80`) are not judged.

## Why it matters
A database published for local debugging ends up reachable from the whole network, often the
internet. Docker writes its own iptables rules, so a host firewall such as ufw does not stop
it. On Kubernetes a hostPort also ties the pod to nodes where the port is free; a Service is
almost always the better way in.

## Example
```yaml
services:
  db:
    image: postgres:16.4
    ports:
      - "5432:5432"
```

## Fixed
```yaml
services:
  db:
    image: postgres:16.4
    ports:
      - "127.0.0.1:5432:5432"
```

The compose fix is unsafe: binding to 127.0.0.1 makes the port unreachable from other machines,
which is the point unless they need it. Entries that name `0.0.0.0` or `::` on purpose get no
fix, and neither do Kubernetes hostPorts (remove the hostPort and use a Service, or set
`hostIP`).
)md";

const RuleMeta kMeta{
    .id = "container/port-published-on-all-interfaces",
    .title = "Port published on every interface of the host",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.14", "PSS:baseline"},
    .aliases = {"dclint:no-unbound-port-interfaces",
                "kics:Container Traffic Not Bound To Host Interface", "polaris:hostPortSet",
                "checkov:CKV_K8S_26", "trivy:KSV-0024", "pss:baseline:hostPorts"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

bool every_interface(std::string_view ip) {
  return ip.empty() || ip == "0.0.0.0" || ip == "::" || ip == "[::]";
}

class PortPublishedOnAllInterfaces final : public ContainerRule {
 public:
  PortPublishedOnAllInterfaces() : ContainerRule(kMeta) {}

 protected:
  void check(const Document& doc, const Container& c, FindingSink& sink) const override {
    for (const PortBinding& port : c.ports) {
      if (!port.published) continue;
      // The Pod Security Standards forbid every hostPort, bound to one address or not.
      if (c.source == ContainerSource::kubernetes_container) {
        if (every_interface(port.host_ip))
          sink.report(port.host_port_span,
                      fmt::format("{} publishes hostPort {} on every address of the node; use a "
                                  "Service instead",
                                  describe(c), port.host_port));
        else
          sink.report(port.host_port_span,
                      fmt::format("{} publishes hostPort {} on the node's {}, which ties the pod "
                                  "to one port per node; use a Service instead",
                                  describe(c), port.host_port, port.host_ip));
        continue;
      }
      if (!every_interface(port.host_ip)) continue;
      if (c.source != ContainerSource::compose_service) continue;
      std::string what =
          port.host_port.empty()
              ? fmt::format("container port {} on a random host port", port.container_port)
              : fmt::format("port {}", port.host_port);
      std::string bound = port.host_ip.empty() ? "" : fmt::format(" (`{}`)", port.host_ip);
      Finding& f = sink.report(port.host_port_span,
                               fmt::format("{} publishes {} on every interface of the host{}; bind "
                                           "it to 127.0.0.1 unless other machines must reach it",
                                           describe(c), what, bound));
      if (!port.host_ip.empty() || !c.editor) continue;  // an explicit 0.0.0.0 is deliberate
      if (auto edits = c.editor->bind_port(doc, c, port, "127.0.0.1"))
        f.fix = Fix{"Bind to 127.0.0.1", std::move(*edits), Applicability::unsafe};
    }
  }
};

INFRALINT_REGISTER_RULE(PortPublishedOnAllInterfaces);

}  // namespace
}  // namespace infralint
