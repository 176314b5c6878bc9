#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_rbac.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Role or ClusterRole rule that grants `get`, `list`, `watch`, `create`, `update`, `patch`,
`delete`, `deletecollection` or `*` on `secrets` in the core API group (`""` or `*`). The
finding is on the `secrets` entry of `resources`.

Not reported here: `resources: ["*"]` (that is `kubernetes/rbac-wildcard`'s finding), and a rule
restricted with `resourceNames` whose verbs all act on named objects (`get`, `update`, `patch`,
`delete`) — access to the named Secrets only is the least-privilege form this rule asks for.

## Why it matters
Secrets hold database passwords, API keys, TLS keys and ServiceAccount tokens. `list` and
`watch` return every Secret's data, not just names; `create`/`update` let a subject plant a
token Secret for a more powerful ServiceAccount. CIS Kubernetes 5.1.2 asks to minimise access
to Secrets; a ClusterRole grants it in every namespace.

## Example
```yaml
kind: Role
rules:
  - apiGroups: [""]
    resources: ["secrets", "configmaps"]
    verbs: ["get", "list", "watch"]
```

## Fixed
```yaml
kind: Role
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch"]
  - apiGroups: [""]
    resources: ["secrets"]
    resourceNames: ["app-db-credentials"]
    verbs: ["get"]
```

No automatic fix: which Secrets the subject needs is the author's knowledge. Mount Secrets into
pods as volumes instead of reading them through the API where possible.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/rbac-secret-access",
    .title = "RBAC rule grants access to Secrets",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Kubernetes:5.1.2"},
    .aliases = {"kube-linter:access-to-secrets", "trivy:KSV-0041", "trivy:KSV-0113"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

// Verbs that act on one named object: scoped by resourceNames.
bool only_named_verbs(const yaml::Node* verbs) {
  if (!verbs || !verbs->is_sequence()) return false;
  for (const yaml::Node* v : verbs->items) {
    auto name = scalar_text(v);
    if (!name || (*name != "get" && *name != "update" && *name != "patch" && *name != "delete"))
      return false;
  }
  return true;
}

std::string granted_verbs(const yaml::Node* verbs) {
  std::string out;
  for (const yaml::Node* v : verbs->items)
    if (auto name = scalar_text(v)) out += (out.empty() ? "" : ", ") + *name;
  return out;
}

class RbacSecretAccess final : public KubernetesObjectRule {
 public:
  RbacSecretAccess() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!k8s::is_rbac_role(o)) return;
    for (const k8s::PolicyRule& rule : k8s::policy_rules_of(o)) {
      if (!rule.resources || !rule.covers_group("") ||
          !rule.grants_any(
              {"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"}))
        continue;
      if (rule.resource_names && !rule.resource_names->items.empty() &&
          only_named_verbs(rule.verbs))
        continue;
      for (const yaml::Node* r : rule.resources->items) {
        if (scalar_text(r) != "secrets") continue;
        sink.report(
            r->span,
            fmt::format("{} grants `{}` on Secrets{}: its subjects can read or replace "
                        "credentials; grant only the named Secrets it needs "
                        "(`resourceNames`), or mount them into the pod instead",
                        o.describe(), granted_verbs(rule.verbs),
                        o.kind == "ClusterRole" ? " in every namespace it is bound to" : ""));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(RbacSecretAccess);

}  // namespace
}  // namespace infralint
