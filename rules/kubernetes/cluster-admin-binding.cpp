#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A ClusterRoleBinding or RoleBinding whose `roleRef` is the ClusterRole `cluster-admin`.

## Why it matters
`cluster-admin` is every permission on every resource: a subject bound to it (through a
ClusterRoleBinding: in every namespace) can read every Secret, run code on every node and
grant itself anything. A compromised pod running as such a ServiceAccount is a compromised
cluster.

## Example
```yaml
kind: ClusterRoleBinding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
```

## Fixed
Bind a role that lists what the subject needs (`edit`/`view` for people, a dedicated Role for
a controller).

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/cluster-admin-binding",
    .title = "Binding to cluster-admin",
    .severity = Severity::warning,
    .categories = {Category::security},
    .compliance = {"CIS-Kubernetes:5.1.1"},
    .aliases = {"kube-linter:cluster-admin-role-binding", "polaris:clusterrolebindingClusterAdmin",
                "polaris:rolebindingClusterAdminClusterRole", "trivy:KSV-0111"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class ClusterAdminBinding final : public KubernetesObjectRule {
 public:
  ClusterAdminBinding() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (o.kind != "ClusterRoleBinding" && o.kind != "RoleBinding") return;
    const yaml::Node* name = at_path(o.node, {"roleRef", "name"});
    if (scalar_text(name) != "cluster-admin" ||
        scalar_text(at_path(o.node, {"roleRef", "kind"})) != "ClusterRole")
      return;
    sink.report(name->span, fmt::format("{} grants `cluster-admin`{}: bind a role limited to "
                                        "what the subjects need",
                                        o.describe(),
                                        o.kind == "ClusterRoleBinding" ? " in every namespace"
                                                                       : " in its namespace"));
  }
};

INFRALINT_REGISTER_RULE(ClusterAdminBinding);

}  // namespace
}  // namespace infralint
