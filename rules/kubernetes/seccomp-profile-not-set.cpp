#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_edits.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container of a pod template (init and ephemeral containers included) that runs without a
seccomp filter:
- `seccompProfile.type: Unconfined` in the pod's or the container's `securityContext`
  (forbidden by the Pod Security Standards' baseline profile);
- no `seccompProfile` in the container's `securityContext` nor in the pod's (the restricted
  profile requires `RuntimeDefault` or `Localhost`). Pods with `spec.os.name: windows` are
  exempt from this part from Kubernetes 1.25 (the `kubernetes-version` setting).

The legacy `seccomp.security.alpha.kubernetes.io` annotations are ignored, as the admission
controller ignores them since 1.19.

## Why it matters
Without seccomp every one of the kernel's ~400 system calls is reachable from the container,
including the rarely used ones most container escapes go through (`unshare`, `keyctl`,
`bpf`). The container runtime's default profile blocks them and breaks almost nothing;
Kubernetes does not apply it unless asked.

## Example
```yaml
containers:
  - name: api
    image: example/api:1.4.2
```

## Fixed
```yaml
containers:
  - name: api
    image: example/api:1.4.2
    securityContext:
      seccompProfile:
        type: RuntimeDefault
```

The fix is unsafe: it sets `seccompProfile.type: RuntimeDefault` in the container's
`securityContext` (or replaces `Unconfined` with it). Software that needs a blocked system
call (some debuggers, old JVMs, nested containers) then fails with EPERM and needs a
`Localhost` profile.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/seccomp-profile-not-set",
    .title = "Container runs without a seccomp profile",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"PSS:baseline", "PSS:restricted", "NSA-CISA-K8s:1.10", "CIS-Kubernetes:5.7.2"},
    .aliases = {"pss:baseline:seccompProfile_baseline", "pss:restricted:seccompProfile_restricted",
                "checkov:CKV_K8S_31", "trivy:KSV-0030", "trivy:KSV-0104",
                "kube-score:container-seccomp-profile"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

const yaml::Node* profile_type(const yaml::Node* owner) {
  return at_path(owner, {"securityContext", "seccompProfile", "type"});
}

class SeccompProfileNotSet final : public KubernetesObjectRule {
 public:
  SeccompProfileNotSet() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.pod_spec) return;
    const yaml::Node* pod_type = profile_type(o.pod_spec);
    if (scalar_text(pod_type) == "Unconfined")
      report_unconfined(doc, o, *pod_type, *o.pod_spec, "the pod", sink);
    bool windows = k8s::is_windows_pod(o.pod_spec) && kubernetes_minor(sink) >= 25;
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      const yaml::Node* type = profile_type(c.node);
      std::string who = fmt::format("container `{}` of {}", c.name, o.describe());
      if (scalar_text(type) == "Unconfined") {
        report_unconfined(doc, o, *type, *c.node, who, sink);
      } else if (!type && !pod_type && !windows) {
        Finding& f = sink.report(c.span(), fmt::format("{} runs without a seccomp profile: set "
                                                       "`seccompProfile.type: RuntimeDefault` in "
                                                       "its securityContext or the pod's",
                                                       who));
        attach_fix(f, k8s::set_in(doc, *c.node, {"securityContext", "seccompProfile", "type"},
                                  "RuntimeDefault"));
      }
    }
  }

 private:
  static void report_unconfined(const Document& doc, const k8s::Object&, const yaml::Node& type,
                                const yaml::Node& owner, const std::string& who,
                                FindingSink& sink) {
    Finding& f = sink.report(type.span, fmt::format("{} sets `seccompProfile.type: Unconfined`, "
                                                    "leaving every system call open; use "
                                                    "`RuntimeDefault`",
                                                    who));
    attach_fix(f, k8s::set_in(doc, owner, {"securityContext", "seccompProfile", "type"},
                              "RuntimeDefault"));
  }
  static void attach_fix(Finding& f, std::optional<Edit> edit) {
    if (edit)
      f.fix = Fix{"Use the runtime's default seccomp profile", {*edit}, Applicability::unsafe};
  }
};

INFRALINT_REGISTER_RULE(SeccompProfileNotSet);

}  // namespace
}  // namespace infralint
