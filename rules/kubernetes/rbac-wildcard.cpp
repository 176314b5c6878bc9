#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `*` in the `apiGroups`, `resources` or `verbs` of a Role's or ClusterRole's rules.

## Why it matters
A wildcard grants everything that exists now and everything added later — new resource types
from an operator, `escalate`, `bind`, `impersonate` — so the role's real power cannot be read
from its definition. `verbs: ["*"]` on `secrets` reads every credential; `resources: ["*"]`
includes `pods/exec`.

## Example
```yaml
rules:
  - apiGroups: [""]
    resources: ["*"]
    verbs: ["*"]
```

## Fixed
```yaml
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch"]
```

No automatic fix: only the workload's author knows what it needs.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/rbac-wildcard",
    .title = "RBAC rule grants a wildcard",
    .severity = Severity::warning,
    .categories = {Category::security},
    .compliance = {"CIS-Kubernetes:5.1.3"},
    .aliases = {"kube-linter:wildcard-in-rules", "checkov:CKV_K8S_49", "trivy:KSV-0044",
                "trivy:KSV-0045", "trivy:KSV-0046"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class RbacWildcard final : public KubernetesObjectRule {
 public:
  RbacWildcard() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if ((o.kind != "Role" && o.kind != "ClusterRole") ||
        !o.api_version.starts_with("rbac.authorization.k8s.io/"))
      return;
    const yaml::Node* rules = o.node->get("rules");
    if (!rules || !rules->is_sequence()) return;
    for (const yaml::Node* rule : rules->items) {
      if (!rule->is_mapping()) continue;
      for (std::string_view field : {"apiGroups", "resources", "verbs"}) {
        const yaml::Node* list = rule->get(field);
        if (!list || !list->is_sequence()) continue;
        for (const yaml::Node* item : list->items)
          if (scalar_text(item) == "*")
            sink.report(item->span, fmt::format("{} grants `*` in `{}`: list the {} it needs",
                                                o.describe(), field,
                                                field == "verbs"       ? "verbs"
                                                : field == "resources" ? "resources"
                                                                       : "API groups"));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(RbacWildcard);

}  // namespace
}  // namespace infralint
