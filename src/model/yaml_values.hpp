#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/entities.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {

// Reading typed values out of YAML nodes the way compose and Kubernetes decode them.

// The scalar's decoded text; nullopt for collections and null.
std::optional<std::string> scalar_text(const yaml::Node* node);
// true/false (any case), as compose and Kubernetes accept; nullopt otherwise.
std::optional<bool> scalar_bool(const yaml::Node* node);
std::optional<std::int64_t> scalar_int(const yaml::Node* node);

// A Setting from a node: its value and span when the node is present and of the right type.
Setting<std::string> string_setting(const yaml::Node* node);
Setting<bool> bool_setting(const yaml::Node* node);

// Whether a plain scalar reads as a base-60 number to a YAML 1.1 reader (PyYAML, go-yaml v2):
// [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)? — `22:22` is 1342 to them.
bool yaml11_base60(std::string_view plain);

// Follows a path of mapping keys; null when any step is missing or not a mapping.
const yaml::Node* at_path(const yaml::Node* node, std::initializer_list<std::string_view> keys);

// The span of `inner` (a substring of the scalar's decoded value starting at byte `offset`)
// within the file: exact for plain scalars and for quoted scalars without escapes before it.
Span span_within_scalar(const yaml::Node& scalar, std::size_t offset, std::size_t length);

}  // namespace infralint
