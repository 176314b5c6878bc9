#include <fmt/format.h>

#include "engine/container_rule.hpp"
#include "model/capabilities.hpp"
#include "model/kubernetes_objects.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container whose processes may gain more privileges than their parent (through setuid
binaries or file capabilities):
- a compose service without `no-new-privileges:true` in `security_opt`, or with
  `no-new-privileges:false`;
- a Kubernetes container whose `securityContext` does not set `allowPrivilegeEscalation: false`
  (the default is to allow it).

Pods with `spec.os.name: windows` are exempt, as in the Pod Security Standards.

## Why it matters
`no_new_privs` is what stops a compromised process from turning a setuid binary (`su`, `sudo`,
`passwd`, a planted one) into root inside the container, the first step of most escapes. The
Pod Security Standards' restricted profile requires it.

## Example
```yaml
services:
  api:
    image: example/api:1.4.0
```

## Fixed
```yaml
services:
  api:
    image: example/api:1.4.0
    security_opt:
      - no-new-privileges:true
```

The fix is safe: it adds `no-new-privileges:true` to compose's `security_opt` and sets
`allowPrivilegeEscalation: false` in Kubernetes. Only a process that itself needs to gain
privileges through setuid (`sudo` inside the container) is affected. No fix is offered where it
would be wrong: for a compose service that says `no-new-privileges:false` on purpose, and for a
Kubernetes container that is privileged or adds `SYS_ADMIN`, which the API server refuses to
combine with `allowPrivilegeEscalation: false`.
)md";

const RuleMeta kMeta{
    .id = "container/privilege-escalation-allowed",
    .title = "Container allows privilege escalation",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.26", "PSS:restricted", "NSA-CISA-K8s:1.7"},
    .aliases = {"kube-linter:privilege-escalation-container", "polaris:privilegeEscalationAllowed",
                "pss:restricted:allowPrivilegeEscalation", "checkov:CKV_K8S_20", "trivy:KSV-0001",
                "kics:No New Privileges Not Set", "kics:Security Opt Not Set"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

// Why a Kubernetes container escalates whatever allowPrivilegeEscalation says (the API server
// rejects `false` on a privileged container or one that adds SYS_ADMIN), and what to remove.
struct BuiltInEscalation {
  std::string_view reason;
  std::string_view remove;
  Span at;  // the setting that causes it: the finding underlines it
};

std::optional<BuiltInEscalation> always_escalates(const Container& c) {
  if (c.privileged.present() && *c.privileged.value)
    return BuiltInEscalation{"it is privileged", "`privileged: true`", c.privileged.span};
  for (const auto& cap : c.cap_add)
    if (capability_name(*cap.value) == "SYS_ADMIN")
      return BuiltInEscalation{"it adds SYS_ADMIN", "SYS_ADMIN", cap.span};
  return std::nullopt;
}

class PrivilegeEscalationAllowed final : public ContainerRule {
 public:
  PrivilegeEscalationAllowed() : ContainerRule(kMeta) {}

 protected:
  void check(const Document& doc, const Container& c, FindingSink& sink) const override {
    const Setting<bool>& allowed = c.allow_privilege_escalation;
    if (allowed.present() && !*allowed.value) return;
    // Windows has no Linux capabilities or setuid: the Pod Security Standards exempt its pods.
    if (c.source == ContainerSource::kubernetes_container &&
        k8s::is_windows_pod(c.location.pod_spec))
      return;
    bool compose = c.source == ContainerSource::compose_service;
    bool explicit_allow = allowed.present();
    std::string message;
    Span at = explicit_allow ? allowed.span : c.span;
    if (compose && explicit_allow) {
      message = fmt::format(
          "{} turns `no-new-privileges` off: its processes can gain privileges "
          "through setuid binaries; use `no-new-privileges:true`",
          describe(c));
    } else if (compose) {
      message = fmt::format(
          "{} does not set `no-new-privileges:true` in `security_opt`: its "
          "processes can gain privileges through setuid binaries",
          describe(c));
    } else if (auto built_in = always_escalates(c)) {
      message = fmt::format(
          "{} can gain privileges: {}, which Kubernetes does not allow together "
          "with `allowPrivilegeEscalation: false`; remove {}, then set "
          "`allowPrivilegeEscalation: false`",
          describe(c), built_in->reason, built_in->remove);
      if (!explicit_allow) at = built_in->at;
    } else {
      message = fmt::format(
          "{} {}: its processes can gain privileges through setuid binaries; "
          "set `allowPrivilegeEscalation: false` in its securityContext",
          describe(c),
          explicit_allow ? "sets `allowPrivilegeEscalation: true`"
                         : "does not set `allowPrivilegeEscalation: false`");
    }
    Finding& f = sink.report(at, std::move(message));
    bool fixable = compose ? !explicit_allow : !always_escalates(c).has_value();
    if (fixable)
      f.fix = hardening_fix(doc, c, Hardening::no_privilege_escalation,
                            "Forbid privilege escalation", Applicability::safe);
  }
};

INFRALINT_REGISTER_RULE(PrivilegeEscalationAllowed);

}  // namespace
}  // namespace infralint
