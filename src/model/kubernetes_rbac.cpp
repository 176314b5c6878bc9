#include "model/kubernetes_rbac.hpp"

#include "model/yaml_values.hpp"

namespace infralint::k8s {

bool is_rbac_role(const Object& o) {
  return (o.kind == "Role" || o.kind == "ClusterRole") &&
         o.api_version.starts_with("rbac.authorization.k8s.io/");
}

bool list_contains(const yaml::Node* list, std::string_view value) {
  if (!list || !list->is_sequence()) return false;
  for (const yaml::Node* item : list->items)
    if (scalar_text(item) == value) return true;
  return false;
}

bool PolicyRule::covers_group(std::string_view group) const {
  return list_contains(api_groups, group) || list_contains(api_groups, "*");
}

bool PolicyRule::grants_any(std::initializer_list<std::string_view> wanted) const {
  if (list_contains(verbs, "*")) return true;
  for (std::string_view v : wanted)
    if (list_contains(verbs, v)) return true;
  return false;
}

std::vector<PolicyRule> policy_rules_of(const Object& role) {
  std::vector<PolicyRule> out;
  const yaml::Node* rules = role.node ? role.node->get("rules") : nullptr;
  if (!rules || !rules->is_sequence()) return out;
  auto list = [](const yaml::Node* rule, std::string_view key) -> const yaml::Node* {
    const yaml::Node* n = rule->get(key);
    return n && n->is_sequence() ? n : nullptr;
  };
  for (const yaml::Node* rule : rules->items) {
    if (!rule->is_mapping()) continue;
    out.push_back({rule, list(rule, "apiGroups"), list(rule, "resources"), list(rule, "verbs"),
                   list(rule, "resourceNames")});
  }
  return out;
}

}  // namespace infralint::k8s
