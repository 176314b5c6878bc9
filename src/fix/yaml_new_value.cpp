#include "fix/yaml_new_value.hpp"

#include <yaml-cpp/yaml.h>

namespace infralint::yaml_edit {

NewValue::NewValue(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return;
  if (node.IsScalar()) {
    *this = tagged(node.Tag(), node.Scalar());
    return;
  }
  if (node.IsSequence()) {
    kind_ = Kind::sequence;
    for (const YAML::Node& item : node) items_.emplace_back(item);
    return;
  }
  kind_ = Kind::mapping;
  for (const auto& pair : node)
    pairs_.emplace_back(
        pair.first.IsScalar() ? std::optional<std::string>(pair.first.Scalar()) : std::nullopt,
        NewValue(pair.second));
}

NewValue NewValue::sequence(std::vector<NewValue> items) {
  NewValue value;
  value.kind_ = Kind::sequence;
  value.items_ = std::move(items);
  return value;
}

NewValue NewValue::mapping(std::vector<std::pair<std::optional<std::string>, NewValue>> pairs) {
  NewValue value;
  value.kind_ = Kind::mapping;
  value.pairs_ = std::move(pairs);
  return value;
}

NewValue NewValue::tagged(std::string tag, std::string text) {
  NewValue value(std::move(text));
  value.tag_ = std::move(tag);
  return value;
}

}  // namespace infralint::yaml_edit
