#pragma once
#include <string_view>
#include <vector>

#include "model/kubernetes_objects.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint::k8s {

// A Role or ClusterRole of rbac.authorization.k8s.io.
bool is_rbac_role(const Object& object);

// Whether a YAML sequence of strings holds `value`.
bool list_contains(const yaml::Node* list, std::string_view value);

// One entry of a role's `rules`, with its lists (null when absent or not a sequence).
struct PolicyRule {
  const yaml::Node* node = nullptr;
  const yaml::Node* api_groups = nullptr;
  const yaml::Node* resources = nullptr;
  const yaml::Node* verbs = nullptr;
  const yaml::Node* resource_names = nullptr;
  // Whether the rule covers API group `group` ("" is the core group), by name or by `*`.
  bool covers_group(std::string_view group) const;
  // Whether any verb of `verbs` (or `*`) is granted.
  bool grants_any(std::initializer_list<std::string_view> verbs) const;
};
std::vector<PolicyRule> policy_rules_of(const Object& role);

}  // namespace infralint::k8s
