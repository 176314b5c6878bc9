#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container (init and ephemeral containers included) whose `securityContext.procMount` is not
`Default` — in practice `Unmasked`.

The baseline Pod Security Standard allows any value from Kubernetes 1.35 for pods with
`hostUsers: false`; the restricted one never does, so the rule reports it in every pod.

## Why it matters
The container runtime masks and makes read-only the parts of `/proc` that describe or control
the node (`/proc/kcore`, `/proc/sysrq-trigger`, `/proc/sys`). `Unmasked` exposes them to the
container.

## Example
```yaml
securityContext:
  procMount: Unmasked
```

## Fixed
```yaml
securityContext:
  procMount: Default
```

No automatic fix: nested-container builders that ask for `Unmasked` need to be redesigned or
run in an exempted namespace.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/unmasked-proc-mount",
    .title = "Container mounts /proc unmasked",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"PSS:baseline", "PSS:restricted"},
    .aliases = {"pss:baseline:procMount", "pss:restricted:procMount_restricted",
                "kube-linter:unsafe-proc-mount", "polaris:procMount", "trivy:KSV-0027"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class UnmaskedProcMount final : public KubernetesObjectRule {
 public:
  UnmaskedProcMount() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    bool user_namespace = k8s::uses_user_namespace(o.pod_spec) && kubernetes_minor(sink) >= 35;
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      const yaml::Node* mount = at_path(c.node, {"securityContext", "procMount"});
      auto value = scalar_text(mount);
      if (!value || *value == "Default") continue;
      sink.report(mount->span,
                  fmt::format("container `{}` of {} mounts /proc with `procMount: {}`, exposing "
                              "the node's kernel interfaces{}; use `Default`",
                              c.name, o.describe(), *value,
                              user_namespace ? " (allowed by the baseline standard in a user "
                                               "namespace, not by the restricted one)"
                                             : ""));
    }
  }
};

INFRALINT_REGISTER_RULE(UnmaskedProcMount);

}  // namespace
}  // namespace infralint
