#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A pod or container that turns AppArmor off or names a profile the Pod Security Standards'
baseline does not allow:
- `appArmorProfile.type` other than `RuntimeDefault` or `Localhost` (i.e. `Unconfined`) in
  the pod's or a container's `securityContext`;
- a pod template annotation `container.apparmor.security.beta.kubernetes.io/<container>`
  whose value is not `runtime/default`, `localhost/<profile>` or empty (i.e. `unconfined`).

## Why it matters
On nodes with AppArmor, the runtime's default profile denies writes to `/proc` and `/sys`,
mounting, and other steps of known container escapes. `Unconfined` gives them back.

## Example
```yaml
securityContext:
  appArmorProfile:
    type: Unconfined
```

## Fixed
```yaml
securityContext:
  appArmorProfile:
    type: RuntimeDefault
```

No automatic fix: a workload that was set to Unconfined probably needs a `Localhost` profile
written for it.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/apparmor-unconfined",
    .title = "AppArmor profile unconfined",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"PSS:baseline", "NSA-CISA-K8s:1.9"},
    .aliases = {"pss:baseline:appArmorProfile", "trivy:KSV-0002"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

constexpr std::string_view kAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

class AppArmorUnconfined final : public KubernetesObjectRule {
 public:
  AppArmorUnconfined() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.pod_spec) return;
    check_field(o.pod_spec, o.describe(), sink);
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec))
      check_field(c.node, fmt::format("container `{}` of {}", c.name, o.describe()), sink);
    const yaml::Node* annotations = at_path(o.pod_metadata, {"annotations"});
    if (!annotations || !annotations->is_mapping()) return;
    for (const yaml::Pair& p : annotations->pairs) {
      std::string key = scalar_text(p.key).value_or("");
      if (!key.starts_with(kAnnotationPrefix)) continue;
      std::string value = scalar_text(p.value).value_or("");
      if (value.empty() || value == "runtime/default" || value.starts_with("localhost/")) continue;
      sink.report(p.value->span,
                  fmt::format("container `{}` of {} runs with AppArmor profile `{}`; use "
                              "`runtime/default` or a `localhost/` profile",
                              key.substr(kAnnotationPrefix.size()), o.describe(), value));
    }
  }

 private:
  static void check_field(const yaml::Node* owner, const std::string& who, FindingSink& sink) {
    const yaml::Node* type = at_path(owner, {"securityContext", "appArmorProfile", "type"});
    auto value = scalar_text(type);
    if (!value || *value == "RuntimeDefault" || *value == "Localhost") return;
    sink.report(type->span, fmt::format("{} sets `appArmorProfile.type: {}`; use "
                                        "`RuntimeDefault` or a `Localhost` profile",
                                        who, *value));
  }
};

INFRALINT_REGISTER_RULE(AppArmorUnconfined);

}  // namespace
}  // namespace infralint
