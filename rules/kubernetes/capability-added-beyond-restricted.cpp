#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/capabilities.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container that adds back a capability of the baseline set (`CHOWN`, `DAC_OVERRIDE`,
`FOWNER`, `SETUID`, `SETGID`, `KILL` …) other than `NET_BIND_SERVICE`: the Pod Security
Standards' restricted profile allows adding only `NET_BIND_SERVICE`. Capabilities outside the
baseline set are reported by `container/dangerous-capability-added`. Pods with
`spec.os.name: windows` are exempt from Kubernetes 1.25.

## Why it matters
After dropping `ALL`, each capability added back is a privilege root-like code can use:
`DAC_OVERRIDE` ignores file permissions, `SETUID`/`SETGID` switch to any user, `CHOWN` takes
any file. Software that needs them usually needs them only at start-up, which an init
container or a non-root image avoids.

## Example
```yaml
securityContext:
  capabilities:
    drop: [ALL]
    add: [CHOWN, NET_BIND_SERVICE]
```

## Fixed
```yaml
securityContext:
  capabilities:
    drop: [ALL]
    add: [NET_BIND_SERVICE]
```

No automatic fix: whether the software still starts depends on it.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/capability-added-beyond-restricted",
    .title = "Container adds a capability the restricted Pod Security Standard forbids",
    .severity = Severity::info,
    .categories = {Category::security, Category::compliance},
    .compliance = {"PSS:restricted"},
    .aliases = {"pss:restricted:capabilities_restricted", "trivy:KSV-0106"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class CapabilityAddedBeyondRestricted final : public KubernetesObjectRule {
 public:
  CapabilityAddedBeyondRestricted() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.pod_spec || (k8s::is_windows_pod(o.pod_spec) && kubernetes_minor(sink) >= 25)) return;
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      const yaml::Node* add = at_path(c.node, {"securityContext", "capabilities", "add"});
      if (!add || !add->is_sequence()) continue;
      for (const yaml::Node* item : add->items) {
        auto written = scalar_text(item);
        if (!written) continue;
        std::string name = capability_name(*written);
        if (name == "NET_BIND_SERVICE" || !in_pss_baseline(name)) continue;
        sink.report(item->span,
                    fmt::format("container `{}` of {} adds capability `{}`; the restricted Pod "
                                "Security Standard allows adding only `NET_BIND_SERVICE`",
                                c.name, o.describe(), *written));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(CapabilityAddedBeyondRestricted);

}  // namespace
}  // namespace infralint
