#include "fix/suppression_comment.hpp"

#include <fmt/format.h>

#include "parse/dockerfile/ast.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {
namespace {

bool has_comments(const Document& doc) {
  if (doc.kind() != Kind::railway) return true;
  std::string_view text = doc.text();
  auto first = text.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos || text[first] != '{';  // railway.json: no comments
}

}  // namespace

std::optional<std::size_t> suppression_line_start(const Document& doc, std::size_t offset) {
  if (!has_comments(doc)) return std::nullopt;
  if (const auto* file = doc.tree<dockerfile::File>()) {
    for (const auto& ins : file->instructions)
      if (ins.span.begin <= offset && offset <= ins.span.end) offset = ins.span.begin;
  }
  Span line = doc.lines().line_span(doc.lines().position(offset).line);
  // A comment line (a parser directive, an nginx comment) is no target of a comment above it.
  std::size_t first = doc.text().find_first_not_of(" \t", line.begin);
  if (first != std::string_view::npos && first < line.end && doc.text()[first] == '#')
    return std::nullopt;
  if (const auto* stream = doc.tree<yaml::Stream>()) {
    for (const yaml::Node& n : stream->arena)
      if (n.is_scalar() && n.span.begin < line.begin && line.begin < n.span.end)
        return std::nullopt;
  }
  return line.begin;
}

Edit suppression_comment_edit(const Document& doc, std::size_t line_start,
                              const std::set<std::string_view>& rules, std::string_view reason) {
  std::string_view text = doc.text();
  std::size_t indent_end = text.find_first_not_of(" \t", line_start);
  if (indent_end == std::string_view::npos) indent_end = text.size();
  std::string indent(text.substr(line_start, indent_end - line_start));
  return {{line_start, line_start},
          fmt::format("{}# infralint: ignore[{}]{}{}\n", indent, fmt::join(rules, ","),
                      reason.empty() ? "" : " ", reason)};
}

}  // namespace infralint
