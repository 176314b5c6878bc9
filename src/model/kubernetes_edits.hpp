#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/edit.hpp"
#include "engine/rule_options.hpp"
#include "fix/yaml_new_value.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint::k8s {

// Placeholder resources the unsafe fixes write: a start to be tuned with real measurements.
inline constexpr std::string_view kCpuRequest = "100m";
inline constexpr std::string_view kCpuLimit = "500m";
inline constexpr std::string_view kMemoryRequest = "128Mi";
inline constexpr std::string_view kMemoryLimit = "512Mi";

// Sets `mapping.path... = value` in the document's own text (see yaml_edit::set_at_path).
std::optional<Edit> set_in(const Document& doc, const yaml::Node& mapping,
                           const std::vector<std::string>& path, const yaml_edit::NewValue& value);

// The values a fix writes for a `resource` ("cpu" or "memory"): the `default-requests` and
// `default-limits` settings (--default-requests, --default-limits) when given, else the
// placeholders above. A limit defaults to the given request, never below it.
struct ResourceValues {
  std::string request;
  std::string limit;
};
ResourceValues resource_values(const RuleOptions& settings, std::string_view resource);

// Gives a container a `resource` ("cpu" or "memory") limit: the whole `resources` block with
// requests and limits when it has none, else the missing limit (equal to the request when one
// is written, since a limit below the request is invalid).
std::optional<Edit> resource_placeholder(const Document& doc, const yaml::Node& container,
                                         std::string_view resource, const RuleOptions& settings);

}  // namespace infralint::k8s
