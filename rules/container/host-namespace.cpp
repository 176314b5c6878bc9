#include <fmt/format.h>

#include <set>

#include "engine/container_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container that shares one of the host's namespaces, one finding per namespace shared:
- compose: `network_mode: host`, `pid: host`, `ipc: host`;
- Kubernetes: `hostNetwork: true`, `hostPID: true`, `hostIPC: true` in a pod spec (reported
  once per pod, not once per container).

## Why it matters
Namespaces are what separate a container from the host. With the host's network namespace it
reaches every service bound to the node's loopback and can watch the node's traffic; with its
PID namespace it sees, signals and (with ptrace) enters every process on the node; with its IPC
namespace it reads the shared memory of host processes.

## Example
```yaml
services:
  metrics:
    image: example/exporter:1.8.0
    network_mode: host
    pid: host
```

## Fixed
```yaml
services:
  metrics:
    image: example/exporter:1.8.0
    ports:
      - "127.0.0.1:9100:9100"
```

No automatic fix: node agents (monitoring, CNI, log shippers) share host namespaces on
purpose, and for other services removing the setting changes how they are reached. Remove it
where it is not needed; suppress the finding with a reason where it is.
)md";

const RuleMeta kMeta{
    .id = "container/host-namespace",
    .title = "Container shares a host namespace",
    .severity = Severity::error,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.10", "CIS-Docker-1.6:5.16", "CIS-Docker-1.6:5.17",
                   "PSS:baseline", "NSA-CISA-K8s:1.3"},
    .aliases = {"kube-linter:host-network", "kube-linter:host-pid", "kube-linter:host-ipc",
                "polaris:hostNetworkSet", "polaris:hostPIDSet", "polaris:hostIPCSet",
                "pss:baseline:hostNamespaces", "checkov:CKV_K8S_17", "checkov:CKV_K8S_18",
                "checkov:CKV_K8S_19", "trivy:KSV-0008", "trivy:KSV-0009", "trivy:KSV-0010",
                "kics:Shared Host Network Namespace", "kics:Shared Host IPC Namespace",
                "kics:Host Namespace is Shared"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

struct SharedNamespace {
  const Setting<bool> Container::*setting;
  std::string_view compose_key;
  std::string_view kubernetes_key;
  std::string_view name;
  std::string_view consequence;
};

constexpr SharedNamespace kNamespaces[] = {
    {&Container::host_network, "network_mode: host", "hostNetwork: true", "network",
     "it reaches services bound to the host's loopback and sees the node's traffic"},
    {&Container::host_pid, "pid: host", "hostPID: true", "process",
     "it sees and can signal every process on the host"},
    {&Container::host_ipc, "ipc: host", "hostIPC: true", "IPC",
     "it can read the shared memory of the host's processes"},
};

// Host namespaces are set on the Kubernetes pod, not the container: every container of a pod
// carries the same setting, so findings are made once per setting's span.
class HostNamespace final : public Rule {
 public:
  HostNamespace() : Rule(kMeta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    const auto* model = doc.model<Model>();
    if (!model) return;
    std::set<Span> reported;
    for (const Container& c : model->containers) {
      bool compose = c.source == ContainerSource::compose_service;
      for (const SharedNamespace& ns : kNamespaces) {
        const Setting<bool>& s = c.*ns.setting;
        if (!s.present() || !*s.value || !reported.insert(s.span).second) continue;
        sink.report(s.span,
                    fmt::format("{} shares the host's {} namespace (`{}`): {}; remove "
                                "it unless this is a node agent that needs it",
                                compose ? describe(c) : c.workload, ns.name,
                                compose ? ns.compose_key : ns.kubernetes_key, ns.consequence));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(HostNamespace);

}  // namespace
}  // namespace infralint
