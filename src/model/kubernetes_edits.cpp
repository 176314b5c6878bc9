#include "model/kubernetes_edits.hpp"

#include "fix/yaml_paths.hpp"
#include "model/yaml_values.hpp"

namespace infralint::k8s {

std::optional<Edit> set_in(const Document& doc, const yaml::Node& mapping,
                           const std::vector<std::string>& path, const YAML::Node& value) {
  const auto* stream = doc.tree<yaml::Stream>();
  if (!stream) return std::nullopt;
  return yaml_edit::set_at_path(doc.text(), *stream, mapping, path, value);
}

std::optional<Edit> resource_placeholder(const Document& doc, const yaml::Node& container,
                                         std::string_view resource) {
  bool cpu = resource == "cpu";
  std::string request(cpu ? kCpuRequest : kMemoryRequest);
  std::string limit(cpu ? kCpuLimit : kMemoryLimit);
  const yaml::Node* resources = container.get("resources");
  if (!resources || resources->is_null()) {
    YAML::Node block(YAML::NodeType::Map);
    block["requests"][std::string(resource)] = request;
    block["limits"][std::string(resource)] = limit;
    return set_in(doc, container, {"resources"}, block);
  }
  // A limit below the request is rejected by the API server: match an existing request.
  if (const yaml::Node* request_node = at_path(resources, {"requests", resource});
      request_node && request_node->is_scalar() && !request_node->value.empty())
    limit = request_node->value;
  return set_in(doc, container, {"resources", "limits", std::string(resource)}, YAML::Node(limit));
}

}  // namespace infralint::k8s
