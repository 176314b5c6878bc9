#include <fmt/format.h>

#include "engine/container_rule.hpp"
#include "model/capabilities.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Each capability a container adds (compose `cap_add`, Kubernetes
`securityContext.capabilities.add`) outside the Pod Security Standards' baseline set
(`AUDIT_WRITE`, `CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`, `MKNOD`,
`NET_BIND_SERVICE`, `SETFCAP`, `SETGID`, `SETPCAP`, `SETUID`, `SYS_CHROOT`): notably `ALL`,
`SYS_ADMIN`, `NET_ADMIN`, `SYS_MODULE`, `SYS_PTRACE` and `NET_RAW`. Names are compared without
case and without the `CAP_` prefix, as the runtimes read them.

## Why it matters
These capabilities are the usual ways out of a container: `SYS_ADMIN` allows mounting file
systems and most of what root can do, `SYS_MODULE` loads code into the host's kernel,
`SYS_PTRACE` reads and rewrites other processes' memory, `NET_ADMIN` and `NET_RAW` reconfigure
and spoof the node's network, and `ALL` is all of them.

## Example
```yaml
services:
  proxy:
    image: example/proxy:3.0.2 # binds port 80
    cap_add:
      - ALL
```

## Fixed
```yaml
services:
  proxy:
    image: example/proxy:3.0.2 # binds port 80
    cap_drop:
      - ALL
    cap_add:
      - NET_BIND_SERVICE
```

No automatic fix: removing a capability the software uses breaks it. Keep only the ones it
needs, and suppress the finding with a reason for those that are outside the baseline.
)md";

const RuleMeta kMeta{
    .id = "container/dangerous-capability-added",
    .title = "Container adds a dangerous capability",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.4", "PSS:baseline"},
    .aliases = {"polaris:dangerousCapabilities", "checkov:CKV_K8S_25", "checkov:CKV_K8S_39",
                "trivy:KSV-0005", "trivy:KSV-0022", "trivy:KSV-0119", "trivy:KSV-0120",
                "pss:baseline:capabilities_baseline"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

// What the best-known dangerous capabilities give; empty for the others.
std::string_view what_it_gives(std::string_view name) {
  if (name == "ALL") return "which grants every capability, nearly as much as running privileged";
  if (name == "SYS_ADMIN")
    return "which allows mounting file systems and most of what root can do on the host";
  if (name == "NET_ADMIN") return "which allows reconfiguring interfaces, routes and the firewall";
  if (name == "SYS_MODULE") return "which allows loading modules into the host's kernel";
  if (name == "SYS_PTRACE") return "which allows reading and changing other processes' memory";
  if (name == "NET_RAW") return "which allows forging packets to spoof other hosts on the network";
  return "outside the Pod Security Standards' baseline set";
}

class DangerousCapabilityAdded final : public ContainerRule {
 public:
  DangerousCapabilityAdded() : ContainerRule(kMeta) {}

 protected:
  void check(const Document&, const Container& c, FindingSink& sink) const override {
    for (const auto& cap : c.cap_add) {
      std::string name = capability_name(*cap.value);
      if (in_pss_baseline(name)) continue;
      sink.report(cap.span,
                  fmt::format("{} adds capability `{}`, {}: {}", describe(c), *cap.value,
                              what_it_gives(name),
                              name == "ALL" ? "add only the capabilities the software needs"
                                            : "remove it unless the software needs it"));
    }
  }
};

INFRALINT_REGISTER_RULE(DangerousCapabilityAdded);

}  // namespace
}  // namespace infralint
