#include <fmt/format.h>

#include <array>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_rbac.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Role or ClusterRole rule that grants `create`, `update`, `patch` or `*` on pods or on the
workloads that create pods: `pods` (core group), `deployments`, `replicasets`, `statefulsets`,
`daemonsets` (`apps`, legacy `extensions`), `jobs`, `cronjobs` (`batch`) and
`replicationcontrollers` (core). The finding is on the resource's entry.

`resources: ["*"]` is left to `kubernetes/rbac-wildcard`.

## Why it matters
Whoever can create a pod can run it with any ServiceAccount of the namespace, mount any Secret
and ConfigMap of it, and — unless admission forbids it — a privileged container or a hostPath
of the node. CIS Kubernetes 5.1.4 asks to minimise access to create pods; deployment tooling is
the usual, deliberate holder of this right, so the rule is informational.

## Example
```yaml
kind: Role
rules:
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get", "list", "create", "patch"]
```

## Fixed
```yaml
kind: Role
rules:
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get", "list"]
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/rbac-workload-creation",
    .title = "RBAC rule allows creating pods or workloads",
    .severity = Severity::info,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Kubernetes:5.1.4"},
    .aliases = {"kube-linter:access-to-create-pods", "trivy:KSV-0048"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

struct PodCreator {
  std::string_view resource;
  std::array<std::string_view, 2> groups;
};
constexpr std::array<PodCreator, 8> kPodCreators{{
    {"pods", {"", ""}},
    {"replicationcontrollers", {"", ""}},
    {"deployments", {"apps", "extensions"}},
    {"replicasets", {"apps", "extensions"}},
    {"daemonsets", {"apps", "extensions"}},
    {"statefulsets", {"apps", "apps"}},
    {"jobs", {"batch", "batch"}},
    {"cronjobs", {"batch", "batch"}},
}};

class RbacWorkloadCreation final : public KubernetesObjectRule {
 public:
  RbacWorkloadCreation() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!k8s::is_rbac_role(o)) return;
    for (const k8s::PolicyRule& rule : k8s::policy_rules_of(o)) {
      if (!rule.resources || !rule.grants_any({"create", "update", "patch"})) continue;
      for (const yaml::Node* r : rule.resources->items) {
        auto name = scalar_text(r);
        if (!name) continue;
        for (const PodCreator& pc : kPodCreators) {
          if (*name != pc.resource ||
              (!rule.covers_group(pc.groups[0]) && !rule.covers_group(pc.groups[1])))
            continue;
          sink.report(r->span,
                      fmt::format("{} lets its subjects create or change {}: a pod they define "
                                  "can use any ServiceAccount and Secret of the namespace; keep "
                                  "this right to deployment tooling",
                                  o.describe(), pc.resource));
        }
      }
    }
  }
};

INFRALINT_REGISTER_RULE(RbacWorkloadCreation);

}  // namespace
}  // namespace infralint
