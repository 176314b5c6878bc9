#include <fmt/format.h>

#include "engine/container_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container that runs privileged: `privileged: true` on a compose service, or
`securityContext.privileged: true` on a Kubernetes container (of any pod template, init and
ephemeral containers included).

## Why it matters
A privileged container has every capability, sees all of the host's devices and runs without
the seccomp, AppArmor and SELinux confinement of ordinary containers: root in it is root on the
node, and escaping it takes a single mount command.

## Example
```yaml
services:
  agent:
    image: example/agent:2.3.1
    privileged: true
```

## Fixed
```yaml
services:
  agent:
    image: example/agent:2.3.1
```

The fix is unsafe: it removes `privileged` in compose and sets `privileged: false` in
Kubernetes. Software that really needs a device or a kernel feature should get that one device
(`devices:`) or capability (`cap_add`) instead.
)md";

const RuleMeta kMeta{
    .id = "container/privileged",
    .title = "Container runs privileged",
    .severity = Severity::error,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.5", "PSS:baseline", "NSA-CISA-K8s:1.2"},
    .aliases = {"kube-linter:privileged-container",
                "kube-score:container-security-context-privileged", "polaris:runAsPrivileged",
                "pss:baseline:privileged", "checkov:CKV_K8S_16", "trivy:KSV-0017",
                "kics:Privileged Containers Enabled"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

class Privileged final : public ContainerRule {
 public:
  Privileged() : ContainerRule(kMeta) {}

 protected:
  void check(const Document& doc, const Container& c, FindingSink& sink) const override {
    if (!c.privileged.present() || !*c.privileged.value) return;
    Finding& f = sink.report(
        c.privileged.span,
        fmt::format("{} runs privileged, with every capability and all host devices: remove "
                    "`privileged: true` and grant only the capability or device it needs",
                    describe(c)));
    f.fix = hardening_fix(doc, c, Hardening::not_privileged, "Do not run privileged",
                          Applicability::unsafe);
  }
};

INFRALINT_REGISTER_RULE(Privileged);

}  // namespace
}  // namespace infralint
