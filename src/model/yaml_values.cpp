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

bool yaml11_base60(std::string_view plain) {
  // Scanned by hand: compiling the expression (std::regex) was a third of the rules' time in a
  // one-file compose run. tests/unit/yaml_scalar_types_test.cpp holds it to the expression.
  std::size_t at = 0;
  auto digit = [&](std::size_t i) { return i < plain.size() && plain[i] >= '0' && plain[i] <= '9'; };
  auto digits_or_underscores = [&] {
    while (digit(at) || (at < plain.size() && plain[at] == '_')) ++at;
  };
  if (at < plain.size() && (plain[at] == '-' || plain[at] == '+')) ++at;
  if (!digit(at)) return false;
  ++at;
  digits_or_underscores();
  std::size_t groups = 0;
  while (at < plain.size() && plain[at] == ':') {
    ++at;
    if (!digit(at)) return false;
    // [0-5]?[0-9]: a second digit is taken whenever it can be; nothing after a group starts
    // with a digit, so taking one alone could not match either.
    at += plain[at] <= '5' && digit(at + 1) ? 2 : 1;
    ++groups;
  }
  if (groups == 0) return false;
  if (at < plain.size() && plain[at] == '.') {
    ++at;
    digits_or_underscores();
  }
  return at == plain.size();
}

}  // namespace infralint
