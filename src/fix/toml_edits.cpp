#include "fix/toml_edits.hpp"

#include <fmt/format.h>

#include <cctype>
#include <nlohmann/json.hpp>

namespace infralint::toml_edits {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::size_t line_begin(std::string_view text, std::size_t at) {
  while (at > 0 && text[at - 1] != '\n') --at;
  return at;
}

// Past the end of the line holding `at`, newline included.
std::size_t line_end(std::string_view text, std::size_t at) {
  auto nl = text.find('\n', at);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

}  // namespace

Edit replace_string(const Document& doc, const toml::Node& value, std::string_view text) {
  std::string_view written = doc.slice(value.span);
  bool simple = written.size() >= 2 && (written.front() == '"' || written.front() == '\'') &&
                written.back() == written.front() && !written.starts_with("\"\"\"") &&
                !written.starts_with("'''") && written.substr(1, written.size() - 2) == value.text;
  bool text_plain = text.find_first_of("\"'\\\n") == std::string_view::npos;
  if (simple && text_plain) return {{value.span.begin + 1, value.span.end - 1}, std::string(text)};
  return {value.span, nlohmann::json(std::string(text)).dump()};
}

std::optional<Edit> remove_entry(const Document& doc, const toml::Document& tree,
                                 const toml::Node& table, const toml::Entry& entry) {
  std::string_view text = doc.text();
  if (!tree.json) {
    if (table.inline_table || entry.value->header) return std::nullopt;
    std::size_t begin = line_begin(text, entry.key_span.begin);
    // Only the key path (`a.b.` before the key) may precede it on its line.
    for (std::size_t i = begin; i < entry.key_span.begin; ++i)
      if (!is_blank(text[i]) && text[i] != '.' && text[i] != '"' && text[i] != '\'' &&
          !std::isalnum(static_cast<unsigned char>(text[i])) && text[i] != '_' && text[i] != '-')
        return std::nullopt;
    std::size_t end = entry.value->span.end;
    std::size_t after = end;
    while (after < text.size() && is_blank(text[after])) ++after;
    if (after < text.size() && text[after] != '\n' && text[after] != '#' && text[after] != '\r')
      return std::nullopt;
    return Edit{{begin, line_end(text, end)}, ""};
  }
  // JSON: take the following comma when there is one, else the preceding one.
  std::size_t begin = entry.key_span.begin;
  std::size_t end = entry.value->span.end;
  std::size_t after = end;
  while (after < text.size() &&
         (is_blank(text[after]) || text[after] == '\r' || text[after] == '\n'))
    ++after;
  if (after < text.size() && text[after] == ',') {
    std::size_t from = line_begin(text, begin);
    bool alone = true;
    for (std::size_t i = from; i < begin; ++i) alone = alone && is_blank(text[i]);
    std::size_t to = after + 1;
    std::size_t rest = to;
    while (rest < text.size() && is_blank(text[rest])) ++rest;
    if (alone && rest < text.size() && text[rest] == '\n') return Edit{{from, rest + 1}, ""};
    return Edit{{begin, rest}, ""};
  }
  std::size_t before = begin;
  while (before > 0 &&
         (is_blank(text[before - 1]) || text[before - 1] == '\r' || text[before - 1] == '\n'))
    --before;
  if (before > 0 && text[before - 1] == ',') return Edit{{before - 1, end}, ""};
  (void)table;
  return Edit{{begin, end}, ""};  // the only member
}

std::optional<Edit> insert_first_member(const Document& doc, const toml::Node& object,
                                        std::string_view key, std::string_view json_value) {
  std::string_view text = doc.text();
  if (!object.is_table() || object.span.empty() || text[object.span.begin] != '{')
    return std::nullopt;
  std::string member = fmt::format("{}: {}", nlohmann::json(std::string(key)).dump(), json_value);
  if (object.entries.empty()) return Edit{{object.span.begin + 1, object.span.begin + 1}, member};
  std::size_t first = object.entries.front().key_span.begin;
  std::size_t from = line_begin(text, first);
  bool own_line = from > object.span.begin;
  for (std::size_t i = from; own_line && i < first; ++i) own_line = is_blank(text[i]);
  if (!own_line) return Edit{{first, first}, member + ", "};
  std::string indent(text.substr(from, first - from));
  return Edit{{from, from}, fmt::format("{}{},\n", indent, member)};
}

}  // namespace infralint::toml_edits
