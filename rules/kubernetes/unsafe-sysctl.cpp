#include <fmt/format.h>

#include <array>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A pod whose `securityContext.sysctls` sets a kernel parameter outside the safe set of the Pod
Security Standards' baseline profile, for the Kubernetes version of the `kubernetes-version`
setting (newest by default):
`kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`, `net.ipv4.tcp_syncookies`,
`net.ipv4.ping_group_range`, `net.ipv4.ip_unprivileged_port_start`; from 1.27
`net.ipv4.ip_local_reserved_ports`; from 1.29 `net.ipv4.tcp_keepalive_time`,
`net.ipv4.tcp_fin_timeout`, `net.ipv4.tcp_keepalive_intvl`, `net.ipv4.tcp_keepalive_probes`;
from 1.32 `net.ipv4.tcp_rmem`, `net.ipv4.tcp_wmem`; from 1.37
`net.ipv4.tcp_slow_start_after_idle`, `net.ipv4.tcp_notsent_lowat`.

## Why it matters
Safe sysctls are namespaced and isolated per pod. The others change the node's kernel for
every pod on it, or let one pod exhaust a shared resource (shared memory, message queues).
The kubelet refuses pods with unsafe sysctls unless it was started with
`--allowed-unsafe-sysctls`.

## Example
```yaml
securityContext:
  sysctls:
    - name: kernel.msgmax
      value: "65536"
```

## Fixed
Remove the sysctl, or run the workload on dedicated nodes whose kubelet allows it, in a
namespace exempted from Pod Security admission.

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/unsafe-sysctl",
    .title = "Pod sets an unsafe sysctl",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"PSS:baseline"},
    .aliases = {"pss:baseline:sysctls", "kube-linter:unsafe-sysctls", "trivy:KSV-0026"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

struct SafeSysctl {
  std::string_view name;
  int since;  // minor version it became safe
};

constexpr std::array<SafeSysctl, 14> kSafe{{
    {"kernel.shm_rmid_forced", 0},
    {"net.ipv4.ip_local_port_range", 0},
    {"net.ipv4.tcp_syncookies", 0},
    {"net.ipv4.ping_group_range", 0},
    {"net.ipv4.ip_unprivileged_port_start", 0},
    {"net.ipv4.ip_local_reserved_ports", 27},
    {"net.ipv4.tcp_keepalive_time", 29},
    {"net.ipv4.tcp_fin_timeout", 29},
    {"net.ipv4.tcp_keepalive_intvl", 29},
    {"net.ipv4.tcp_keepalive_probes", 29},
    {"net.ipv4.tcp_rmem", 32},
    {"net.ipv4.tcp_wmem", 32},
    {"net.ipv4.tcp_slow_start_after_idle", 37},
    {"net.ipv4.tcp_notsent_lowat", 37},
}};

// The version a sysctl became safe from; nullopt when it never did.
std::optional<int> safe_since(std::string_view name) {
  for (const SafeSysctl& s : kSafe)
    if (s.name == name) return s.since;
  return std::nullopt;
}

class UnsafeSysctl final : public KubernetesObjectRule {
 public:
  UnsafeSysctl() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    const yaml::Node* sysctls = at_path(o.pod_spec, {"securityContext", "sysctls"});
    if (!sysctls || !sysctls->is_sequence()) return;
    int minor = kubernetes_minor(sink);
    for (const yaml::Node* s : sysctls->items) {
      const yaml::Node* name = s->is_mapping() ? s->get("name") : nullptr;
      auto text = scalar_text(name);
      if (!text) continue;
      auto since = safe_since(*text);
      if (since && *since <= minor) continue;
      std::string message =
          since ? fmt::format(
                      "{} sets sysctl `{}`, safe only from Kubernetes 1.{} (the "
                      "configured version is 1.{})",
                      o.describe(), *text, *since, minor)
                : fmt::format(
                      "{} sets sysctl `{}`, which is not namespaced per pod: it can "
                      "change or exhaust the node's kernel for every pod",
                      o.describe(), *text);
      sink.report(name->span, std::move(message));
    }
  }
};

INFRALINT_REGISTER_RULE(UnsafeSysctl);

}  // namespace
}  // namespace infralint
