#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An OpenShift SecurityContextConstraints (`security.openshift.io/v1`) with
`allowPrivilegedContainer: true`.

## Why it matters
Every ServiceAccount, user or group the SCC is granted to may then run privileged containers:
all capabilities, every device of the node, no seccomp or AppArmor confinement — root on the
node in one step. OpenShift's own `restricted-v2` SCC forbids it; only node-level
infrastructure (CNI, storage drivers) needs it, through a dedicated SCC granted to them alone.

## Example
```yaml
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: app
allowPrivilegedContainer: true
```

## Fixed
```yaml
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: app
allowPrivilegedContainer: false
```

No automatic fix: workloads admitted by this SCC may rely on it.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/scc-allows-privileged",
    .title = "SecurityContextConstraints allow privileged containers",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"kube-linter:scc-deny-privileged-container"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class SccAllowsPrivileged final : public KubernetesObjectRule {
 public:
  SccAllowsPrivileged() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (o.kind != "SecurityContextConstraints" ||
        !o.api_version.starts_with("security.openshift.io/"))
      return;
    const yaml::Node* allow = o.node->get("allowPrivilegedContainer");
    if (scalar_bool(allow) != true) return;
    sink.report(allow->span, fmt::format("{} lets every subject it is granted to run privileged "
                                         "containers, which is root on the node; set "
                                         "`allowPrivilegedContainer: false`",
                                         o.describe()));
  }
};

INFRALINT_REGISTER_RULE(SccAllowsPrivileged);

}  // namespace
}  // namespace infralint
