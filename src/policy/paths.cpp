#include "policy/paths.hpp"

#include <fmt/format.h>

#include <charconv>

namespace infralint::policy {
namespace {

bool plain_key_char(char c) {
  return c != '.' && c != '[' && c != ']' && c != '"' && c != '\'' && c != ' ' && c != '\t' &&
         c != '{' && c != '}';
}

}  // namespace

ParsedPath parse_path(std::string_view text) {
  ParsedPath out;
  out.path.text = std::string(text);
  auto fail = [&](std::size_t at, std::string message) {
    out.error = std::move(message);
    out.error_offset = at;
    return out;
  };
  if (text.empty()) return fail(0, "empty path: write e.g. `metadata.labels.team`");
  std::size_t i = 0;
  bool expect_key = true;  // at the start or after a '.'
  while (i < text.size()) {
    char c = text[i];
    if (c == '[') {
      std::size_t close = text.find(']', i);
      if (close == std::string_view::npos)
        return fail(i, "`[` without its closing `]` in the path");
      std::string_view inside = text.substr(i + 1, close - i - 1);
      if (inside == "*") {
        out.path.steps.push_back({PathStep::Type::every, "", 0});
      } else if (inside.size() >= 2 && (inside.front() == '"' || inside.front() == '\'') &&
                 inside.back() == inside.front()) {
        out.path.steps.push_back(
            {PathStep::Type::key, std::string(inside.substr(1, inside.size() - 2)), 0});
      } else {
        std::size_t index = 0;
        auto [end, ec] = std::from_chars(inside.data(), inside.data() + inside.size(), index);
        if (inside.empty() || ec != std::errc() || end != inside.data() + inside.size())
          return fail(i + 1, fmt::format("`[{}]` in a path must be an index (`[0]`), `[*]` or a "
                                         "quoted key (`[\"app.kubernetes.io/name\"]`)",
                                         inside));
        out.path.steps.push_back({PathStep::Type::index, "", index});
      }
      i = close + 1;
      expect_key = false;
      continue;
    }
    if (c == '.') {
      if (expect_key) return fail(i, "empty key in the path (two dots, or a leading dot)");
      expect_key = true;
      ++i;
      continue;
    }
    if (!expect_key)
      return fail(i, fmt::format("unexpected `{}` in the path: separate keys with `.`", c));
    if (c == '"' || c == '\'') {
      std::size_t close = text.find(c, i + 1);
      if (close == std::string_view::npos) return fail(i, "unclosed quote in the path");
      out.path.steps.push_back(
          {PathStep::Type::key, std::string(text.substr(i + 1, close - i - 1)), 0});
      i = close + 1;
      expect_key = false;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && plain_key_char(text[i])) ++i;
    if (i == start) return fail(i, fmt::format("unexpected `{}` in the path", c));
    std::string_view key = text.substr(start, i - start);
    if (key == "*")
      out.path.steps.push_back({PathStep::Type::every, "", 0});
    else
      out.path.steps.push_back({PathStep::Type::key, std::string(key), 0});
    expect_key = false;
  }
  if (expect_key) return fail(text.size() - 1, "the path ends with `.`: name the key after it");
  return out;
}

std::string append_key(const std::string& path, std::string_view key) {
  bool plain = !key.empty();
  for (char c : key) plain = plain && plain_key_char(c);
  std::string step = plain ? std::string(key) : fmt::format("[\"{}\"]", key);
  if (path.empty()) return step;
  return plain ? path + "." + step : path + step;
}

std::string append_index(const std::string& path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

}  // namespace infralint::policy
