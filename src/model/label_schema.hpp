#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rule_options.hpp"
#include "parse/dockerfile/ast.hpp"

namespace infralint {

// hadolint's label schema (`label-schema: {label: type}`), shared by the label rules: the types
// and how a value is checked against one.
enum class LabelType { text, url, semver, hash, rfc3339, spdx, email };

std::optional<LabelType> parse_label_type(std::string_view name);
std::string_view to_string(LabelType t);
// Whether `value` is a valid `type` value; `text` accepts anything non-empty.
bool label_value_valid(LabelType type, std::string_view value);

// The option every label rule reads, declared once.
inline constexpr std::string_view kLabelSchemaOption = "label-schema";

// The LABEL pairs of the final image (its last stage and the stages it is built FROM).
std::vector<const dockerfile::KeyValue*> final_image_labels(const dockerfile::File& file);

}  // namespace infralint
