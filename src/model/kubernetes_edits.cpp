#include "model/kubernetes_edits.hpp"

#include "fix/yaml_paths.hpp"
#include "model/yaml_values.hpp"
#include "policy/measures.hpp"

namespace infralint::k8s {

std::optional<Edit> set_in(const Document& doc, const yaml::Node& mapping,
                           const std::vector<std::string>& path, const yaml_edit::NewValue& value) {
  const auto* stream = doc.tree<yaml::Stream>();
  if (!stream) return std::nullopt;
  return yaml_edit::set_at_path(doc.text(), *stream, mapping, path, value);
}

ResourceValues resource_values(const RuleOptions& settings, std::string_view resource) {
  bool cpu = resource == "cpu";
  ResourceValues v{std::string(cpu ? kCpuRequest : kMemoryRequest),
                   std::string(cpu ? kCpuLimit : kMemoryLimit)};
  const RuleOptions::Table* requests = settings.table("default-requests");
  const RuleOptions::Table* limits = settings.table("default-limits");
  auto given = [&](const RuleOptions::Table* table) -> const std::string* {
    if (!table) return nullptr;
    auto it = table->find(resource);
    return it == table->end() ? nullptr : &it->second;
  };
  if (const std::string* r = given(requests)) v.limit = v.request = *r;
  if (const std::string* l = given(limits)) v.limit = *l;
  return v;
}

std::optional<Edit> resource_placeholder(const Document& doc, const yaml::Node& container,
                                         std::string_view resource, const RuleOptions& settings) {
  auto [request, limit] = resource_values(settings, resource);
  const yaml::Node* resources = container.get("resources");
  if (!resources || resources->is_null()) {
    using yaml_edit::NewValue;
    NewValue block =
        NewValue::mapping({{"requests", NewValue::mapping({{std::string(resource), request}})},
                           {"limits", NewValue::mapping({{std::string(resource), limit}})}});
    return set_in(doc, container, {"resources"}, block);
  }
  // A limit below the request is rejected by the API server: match an existing request unless
  // the configured limit is at least as large.
  if (const yaml::Node* request_node = at_path(resources, {"requests", resource});
      request_node && request_node->is_scalar() && !request_node->value.empty()) {
    auto written = policy::parse_quantity(request_node->value);
    auto configured = policy::parse_quantity(limit);
    bool configured_fits =
        settings.table("default-limits") && written && configured && *configured >= *written;
    if (!configured_fits) limit = request_node->value;
  }
  return set_in(doc, container, {"resources", "limits", std::string(resource)}, limit);
}

}  // namespace infralint::k8s
