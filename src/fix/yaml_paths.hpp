#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/edit.hpp"
#include "fix/yaml_new_value.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint::yaml_edit {

// Sets `mapping.path[0].path[1]... = value`: replaces the value when the last key exists,
// else inserts the missing part of the path as one nested block under the deepest mapping
// that exists. Nullopt when a step on the way is not a mapping or the edit is unsafe.
std::optional<Edit> set_at_path(std::string_view text, const yaml::Stream& stream,
                                const yaml::Node& mapping, const std::vector<std::string>& path,
                                const NewValue& value);

// Appends `item` to the sequence at `path` unless an equal scalar is already there; creates the
// sequence (and missing mappings on the way) when absent.
std::optional<Edit> add_to_list_at_path(std::string_view text, const yaml::Stream& stream,
                                        const yaml::Node& mapping,
                                        const std::vector<std::string>& path,
                                        const std::string& item);

}  // namespace infralint::yaml_edit
