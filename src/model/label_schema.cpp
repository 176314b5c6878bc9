#include "model/label_schema.hpp"

#include <re2/re2.h>

#include <array>

#include "model/dockerfile_stages.hpp"

namespace infralint {
namespace {

constexpr std::array<std::pair<std::string_view, LabelType>, 7> kTypes{{
    {"text", LabelType::text},
    {"url", LabelType::url},
    {"semver", LabelType::semver},
    {"hash", LabelType::hash},
    {"rfc3339", LabelType::rfc3339},
    {"spdx", LabelType::spdx},
    {"email", LabelType::email},
}};

// SPDX license ids people put in images; an expression (`MIT OR Apache-2.0`) is checked id by
// id, `LicenseRef-…` is always allowed.
bool spdx_valid(std::string_view value) {
  static const RE2 id(R"([A-Za-z0-9][A-Za-z0-9.+-]*)");
  static const RE2 separator(R"(\s+(?:AND|OR|WITH)\s+)");
  std::string text(value);
  for (char& c : text)
    if (c == '(' || c == ')') c = ' ';
  std::string parts = text;
  RE2::GlobalReplace(&parts, separator, "\n");
  std::size_t pos = 0;
  bool any = false;
  while (pos <= parts.size()) {
    std::size_t end = parts.find('\n', pos);
    if (end == std::string::npos) end = parts.size();
    std::string part = parts.substr(pos, end - pos);
    part.erase(0, part.find_first_not_of(' '));
    if (auto last = part.find_last_not_of(' '); last != std::string::npos) part.erase(last + 1);
    if (!part.empty()) {
      if (!RE2::FullMatch(part, id)) return false;
      any = true;
    }
    pos = end + 1;
  }
  return any;
}

}  // namespace

std::optional<LabelType> parse_label_type(std::string_view name) {
  for (const auto& [n, t] : kTypes)
    if (n == name) return t;
  return std::nullopt;
}

std::string_view to_string(LabelType t) {
  for (const auto& [n, type] : kTypes)
    if (type == t) return n;
  return "text";
}

bool label_value_valid(LabelType type, std::string_view value) {
  static const RE2 url(R"([a-zA-Z][a-zA-Z0-9+.-]*://[^\s/?#]+[^\s]*)");
  static const RE2 semver(
      R"(v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)");
  static const RE2 hash(R"([0-9a-fA-F]{7,40}|[0-9a-fA-F]{64})");
  static const RE2 rfc3339(
      R"(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))");
  // An address, or RFC 5322's `Display Name <address>`.
  static const RE2 email(
      R"((?:[^<>@]+<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>)|(?:[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+))");
  if (value.empty()) return false;
  switch (type) {
    case LabelType::text:
      return true;
    case LabelType::url:
      return RE2::FullMatch(value, url);
    case LabelType::semver:
      return RE2::FullMatch(value, semver);
    case LabelType::hash:
      return RE2::FullMatch(value, hash);
    case LabelType::rfc3339:
      return RE2::FullMatch(value, rfc3339);
    case LabelType::spdx:
      return spdx_valid(value);
    case LabelType::email:
      return RE2::FullMatch(value, email);
  }
  return true;
}

std::vector<const dockerfile::KeyValue*> final_image_labels(const dockerfile::File& file) {
  std::vector<const dockerfile::KeyValue*> out;
  for (std::size_t stage : final_image_stages(file)) {
    const dockerfile::Stage& st = file.stages[stage];
    for (std::size_t i = st.first; i < st.last && i < file.instructions.size(); ++i) {
      const auto& ins = file.instructions[i];
      if (ins.keyword != dockerfile::Keyword::label) continue;
      for (const auto& pair : ins.pairs) out.push_back(&pair);
    }
  }
  return out;
}

}  // namespace infralint
