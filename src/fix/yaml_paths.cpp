#include "fix/yaml_paths.hpp"

#include "fix/yaml_writer.hpp"

namespace infralint::yaml_edit {
namespace {

// The value of key path[from] when the rest of the path is missing: {path[from+1]: {... value}}.
NewValue nest(const std::vector<std::string>& path, std::size_t from, const NewValue& value) {
  NewValue node = value;
  for (std::size_t i = path.size(); i-- > from + 1;)
    node = NewValue::mapping({{path[i], std::move(node)}});
  return node;
}

}  // namespace

std::optional<Edit> set_at_path(std::string_view text, const yaml::Stream& stream,
                                const yaml::Node& mapping, const std::vector<std::string>& path,
                                const NewValue& value) {
  const yaml::Node* current = &mapping;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const yaml::Pair* pair = current->pair(path[i]);
    if (!pair || pair->merged) {
      return insert_pair(text, stream, *current, path[i], nest(path, i, value));
    }
    if (i + 1 == path.size()) return replace_value(text, stream, *pair->value, value);
    if (pair->value->is_null())
      return replace_value(text, stream, *pair->value, nest(path, i, value));
    if (!pair->value->is_mapping()) return std::nullopt;
    current = pair->value;
  }
  return std::nullopt;
}

std::optional<Edit> add_to_list_at_path(std::string_view text, const yaml::Stream& stream,
                                        const yaml::Node& mapping,
                                        const std::vector<std::string>& path,
                                        const std::string& item) {
  const yaml::Node* current = &mapping;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const yaml::Pair* pair = current->pair(path[i]);
    if (!pair || pair->merged || pair->value->is_null()) {
      NewValue list = NewValue::sequence({NewValue(item)});
      if (pair && !pair->merged)
        return replace_value(text, stream, *pair->value, nest(path, i, list));
      return insert_pair(text, stream, *current, path[i], nest(path, i, list));
    }
    if (i + 1 == path.size()) {
      if (!pair->value->is_sequence()) return std::nullopt;
      for (const yaml::Node* existing : pair->value->items)
        if (existing->is_scalar() && existing->value == item) return std::nullopt;
      return append_item(text, stream, *pair->value, NewValue(item));
    }
    if (!pair->value->is_mapping()) return std::nullopt;
    current = pair->value;
  }
  return std::nullopt;
}

}  // namespace infralint::yaml_edit
