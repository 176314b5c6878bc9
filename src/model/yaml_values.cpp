#include "model/yaml_values.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace infralint {

std::optional<std::string> scalar_text(const yaml::Node* node) {
  if (!node || !node->is_scalar() || node->is_null()) return std::nullopt;
  return node->value;
}

std::optional<bool> scalar_bool(const yaml::Node* node) {
  auto text = scalar_text(node);
  if (!text) return std::nullopt;
  std::string lower = *text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true") return true;
  if (lower == "false") return false;
  return std::nullopt;
}

std::optional<std::int64_t> scalar_int(const yaml::Node* node) {
  auto text = scalar_text(node);
  if (!text) return std::nullopt;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return v;
}

Setting<std::string> string_setting(const yaml::Node* node) {
  Setting<std::string> s;
  if (auto text = scalar_text(node)) {
    s.value = *text;
    s.span = node->span;
  }
  return s;
}

Setting<bool> bool_setting(const yaml::Node* node) {
  Setting<bool> s;
  if (auto b = scalar_bool(node)) {
    s.value = *b;
    s.span = node->span;
  }
  return s;
}

const yaml::Node* at_path(const yaml::Node* node, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    if (!node || !node->is_mapping()) return nullptr;
    node = node->get(key);
  }
  return node;
}

Span span_within_scalar(const yaml::Node& scalar, std::size_t offset, std::size_t length) {
  std::size_t quote = (scalar.style == yaml::ScalarStyle::single_quoted ||
                       scalar.style == yaml::ScalarStyle::double_quoted)
                          ? 1
                          : 0;
  std::size_t begin = std::min(scalar.span.begin + quote + offset, scalar.span.end);
  std::size_t end = std::min(begin + length, scalar.span.end);
  return {begin, end};
}

}  // namespace infralint
