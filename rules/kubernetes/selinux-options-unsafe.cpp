#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`seLinuxOptions` in the pod's or a container's `securityContext` that the Pod Security
Standards' baseline profile forbids:
- a `type` other than `container_t`, `container_init_t`, `container_kvm_t`, and from
  Kubernetes 1.31 `container_engine_t` (the `kubernetes-version` setting);
- any `user` or `role`.

## Why it matters
The SELinux type decides what the container's processes may touch on the node. A custom type
such as `spc_t` ("super privileged container") or `unconfined_t` lifts the confinement that
keeps a compromised container off the host; setting a user or role changes the identity
SELinux judges.

## Example
```yaml
securityContext:
  seLinuxOptions:
    type: spc_t
```

## Fixed
```yaml
securityContext:
  seLinuxOptions:
    level: "s0:c123,c456"
```

No automatic fix: what the workload needs instead depends on why it was given the type.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/selinux-options-unsafe",
    .title = "SELinux options outside the baseline Pod Security Standard",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"PSS:baseline", "NSA-CISA-K8s:1.8"},
    .aliases = {"pss:baseline:seLinuxOptions", "trivy:KSV-0025"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class SeLinuxOptionsUnsafe final : public KubernetesObjectRule {
 public:
  SeLinuxOptionsUnsafe() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.pod_spec) return;
    int minor = kubernetes_minor(sink);
    check_options(o.pod_spec, o.describe(), minor, sink);
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec))
      check_options(c.node, fmt::format("container `{}` of {}", c.name, o.describe()), minor, sink);
  }

 private:
  static void check_options(const yaml::Node* owner, const std::string& who, int minor,
                            FindingSink& sink) {
    const yaml::Node* options = at_path(owner, {"securityContext", "seLinuxOptions"});
    if (!options || !options->is_mapping()) return;
    const yaml::Node* type = options->get("type");
    if (auto value = scalar_text(type); value && !value->empty()) {
      bool allowed = *value == "container_t" || *value == "container_init_t" ||
                     *value == "container_kvm_t" || (*value == "container_engine_t" && minor >= 31);
      if (!allowed)
        sink.report(type->span, fmt::format("{} sets SELinux type `{}`, which lifts the "
                                            "container's confinement; use `container_t` or no "
                                            "type",
                                            who, *value));
    }
    for (std::string_view key : {"user", "role"}) {
      const yaml::Node* node = options->get(key);
      if (auto value = scalar_text(node); value && !value->empty())
        sink.report(node->span, fmt::format("{} sets SELinux {} `{}`; the baseline Pod Security "
                                            "Standard allows no custom {}",
                                            who, key, *value, key));
    }
  }
};

INFRALINT_REGISTER_RULE(SeLinuxOptionsUnsafe);

}  // namespace
}  // namespace infralint
