#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`windowsOptions.hostProcess: true` in a pod's or a container's `securityContext` (init and
ephemeral containers included).

## Why it matters
A Windows HostProcess container runs directly on the node, as a node user, with access to the
host's network, file system and processes: the Windows equivalent of a privileged container.
The Pod Security Standards' baseline profile forbids it.

## Example
```yaml
spec:
  securityContext:
    windowsOptions:
      hostProcess: true
```

## Fixed
Remove `hostProcess` and run the workload as an ordinary Windows container; node agents that
truly need the host belong in a namespace exempted from Pod Security admission.

No automatic fix: the workload has to be redesigned.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/windows-host-process",
    .title = "Windows HostProcess container",
    .severity = Severity::error,
    .categories = {Category::security, Category::compliance},
    .compliance = {"PSS:baseline", "CIS-Kubernetes:5.2.11"},
    .aliases = {"pss:baseline:windowsHostProcess", "polaris:hostProcess", "trivy:KSV-0103"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

const yaml::Node* host_process(const yaml::Node* owner) {
  const yaml::Node* node = at_path(owner, {"securityContext", "windowsOptions", "hostProcess"});
  return scalar_bool(node) == true ? node : nullptr;
}

class WindowsHostProcess final : public KubernetesObjectRule {
 public:
  WindowsHostProcess() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.pod_spec) return;
    if (const yaml::Node* node = host_process(o.pod_spec))
      sink.report(node->span, fmt::format("{} runs as a Windows HostProcess pod, with the node's "
                                          "full access; remove `hostProcess: true`",
                                          o.describe()));
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec))
      if (const yaml::Node* node = host_process(c.node))
        sink.report(node->span,
                    fmt::format("container `{}` of {} runs as a Windows HostProcess container, "
                                "with the node's full access; remove `hostProcess: true`",
                                c.name, o.describe()));
  }
};

INFRALINT_REGISTER_RULE(WindowsHostProcess);

}  // namespace
}  // namespace infralint
