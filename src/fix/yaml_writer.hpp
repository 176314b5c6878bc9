#pragma once
#include <optional>
#include <string_view>

#include "core/edit.hpp"
#include "fix/yaml_new_value.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint::yaml_edit {

// Minimal edits to YAML text: each returns the Edit to apply to the original `text`, touching
// only the bytes it must, so comments, blank lines, key order and indentation elsewhere stay
// byte-identical. New values are rendered with yaml-cpp's emitter so quoting is always right.
// They return nullopt when the edit cannot be made safely (a node reached through an alias, a
// flow collection with comments inside, a complex key).

// Replaces a scalar's value, keeping its quoting style when the new value allows it.
std::optional<Edit> set_scalar(std::string_view text, const yaml::Stream& stream,
                               const yaml::Node& scalar, std::string_view new_value);

// Replaces any value node (scalar or collection) with `value`.
std::optional<Edit> replace_value(std::string_view text, const yaml::Stream& stream,
                                  const yaml::Node& node, const NewValue& value);

// Adds `key: value` to a mapping (block: on its own line at the mapping's indentation, after
// the last pair — or after `after_key` when given; flow: before the closing brace).
std::optional<Edit> insert_pair(std::string_view text, const yaml::Stream& stream,
                                const yaml::Node& mapping, std::string_view key,
                                const NewValue& value,
                                std::optional<std::string_view> after_key = std::nullopt);

// Appends an item to a sequence (block: `- item` at the sequence's indentation; flow: before
// the closing bracket).
std::optional<Edit> append_item(std::string_view text, const yaml::Stream& stream,
                                const yaml::Node& sequence, const NewValue& value);

// Removes a key and its value (whole lines for block mappings, including the comment on the
// pair's own line, not comments on lines around it).
std::optional<Edit> remove_pair(std::string_view text, const yaml::Stream& stream,
                                const yaml::Node& mapping, std::string_view key);

// Removes one item of a sequence.
std::optional<Edit> remove_item(std::string_view text, const yaml::Stream& stream,
                                const yaml::Node& sequence, std::size_t index);

}  // namespace infralint::yaml_edit
