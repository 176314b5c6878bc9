#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Role or ClusterRole rule that grants `create` (or `*`) on `pods/exec` or `pods/attach` in the
core API group.

## Why it matters
Exec into a pod is running any command as that pod: with its ServiceAccount token, its mounted
Secrets and its network position. A subject that can exec into pods of a namespace holds every
credential of that namespace; a ClusterRole grants it cluster-wide.

## Example
```yaml
rules:
  - apiGroups: [""]
    resources: ["pods/exec"]
    verbs: ["create"]
```

## Fixed
Remove the rule, or bind it only to the people who debug production, through a separate role.

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/rbac-pod-exec",
    .title = "RBAC rule allows exec or attach into pods",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"polaris:clusterrolePodExecAttach", "polaris:rolePodExecAttach", "trivy:KSV-0053",
                "trivy:KSV-0054"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

bool contains(const yaml::Node* list, std::string_view value) {
  if (!list || !list->is_sequence()) return false;
  for (const yaml::Node* item : list->items)
    if (scalar_text(item) == value) return true;
  return false;
}

class RbacPodExec final : public KubernetesObjectRule {
 public:
  RbacPodExec() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if ((o.kind != "Role" && o.kind != "ClusterRole") ||
        !o.api_version.starts_with("rbac.authorization.k8s.io/"))
      return;
    const yaml::Node* rules = o.node->get("rules");
    if (!rules || !rules->is_sequence()) return;
    for (const yaml::Node* rule : rules->items) {
      if (!rule->is_mapping() || !contains(rule->get("apiGroups"), "")) continue;
      const yaml::Node* verbs = rule->get("verbs");
      if (!contains(verbs, "create") && !contains(verbs, "*")) continue;
      const yaml::Node* resources = rule->get("resources");
      if (!resources || !resources->is_sequence()) continue;
      for (const yaml::Node* r : resources->items) {
        auto name = scalar_text(r);
        if (name != "pods/exec" && name != "pods/attach") continue;
        sink.report(r->span, fmt::format("{} lets its subjects run commands in pods (`{}`), with "
                                         "the pods' tokens and Secrets",
                                         o.describe(), *name));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(RbacPodExec);

}  // namespace
}  // namespace infralint
