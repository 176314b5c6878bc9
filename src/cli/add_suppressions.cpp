// `infralint check --add-suppressions[=REASON]`: writes `# infralint: ignore[...]` comments
// above the current findings (ruff's --add-noqa), so a repository can adopt infralint today and
// burn the debt down later.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <set>

#include "cli/commands.hpp"
#include "fix/file_writer.hpp"
#include "parse/dockerfile/ast.hpp"
#include "parse/document_parser.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint::cli {
namespace {

// The offset of the line a suppression comment goes above, or nothing when a comment line
// there would change the file's meaning (inside a multi-line YAML scalar).
std::optional<std::size_t> insertion_line_start(const Document& doc, std::size_t offset) {
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

bool has_comments(const Document& doc) {
  if (doc.kind() != Kind::railway) return true;
  std::string_view text = doc.text();
  auto first = text.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos || text[first] != '{';  // railway.json: no comments
}

}  // namespace

int add_suppressions(const RunResult& run, const std::string& reason) {
  std::size_t added = 0, files = 0, skipped = 0;
  bool io_error = false;
  for (const FileReport& file : run.files) {
    if (!file.doc || file.findings.empty()) continue;
    // Findings were linted on this text; the tree was released, so parse it again.
    Document doc(file.doc->path(), std::string(file.doc->text()), file.doc->kind());
    parse_document(doc);
    std::map<std::size_t, std::set<std::string_view>> by_line;
    for (const Finding& f : file.findings) {
      if (f.suppressed_by || f.rule_id.starts_with("meta/")) continue;
      auto at = has_comments(doc) ? insertion_line_start(doc, f.span.begin) : std::nullopt;
      if (!at) {
        ++skipped;
        std::cerr << fmt::format(
            "{}: note: cannot add a comment for {} here (no comments in "
            "this format, or inside a multi-line value)\n",
            doc.path(), f.rule_id);
        continue;
      }
      by_line[*at].insert(f.rule_id);
    }
    if (by_line.empty()) continue;
    std::vector<Edit> edits;
    std::string_view text = doc.text();
    for (const auto& [begin, rules] : by_line) {
      std::size_t indent_end = text.find_first_not_of(" \t", begin);
      if (indent_end == std::string_view::npos) indent_end = text.size();
      std::string indent(text.substr(begin, indent_end - begin));
      std::string comment = fmt::format("{}# infralint: ignore[{}]{}{}\n", indent,
                                        fmt::join(rules, ","), reason.empty() ? "" : " ", reason);
      edits.push_back({{begin, begin}, std::move(comment)});
      added += rules.size();
    }
    std::string out;
    if (!apply_edits(text, edits, out)) continue;
    std::string why = write_file_if_unchanged(doc.path(), text, out);
    if (!why.empty()) {
      std::cerr << doc.path() << ": error: " << why << '\n';
      io_error = true;
      continue;
    }
    ++files;
  }
  std::cerr << fmt::format("Added {} suppression{} in {} file{}", added, added == 1 ? "" : "s",
                           files, files == 1 ? "" : "s");
  if (skipped)
    std::cerr << fmt::format("; {} finding{} left as they are", skipped, skipped == 1 ? "" : "s");
  std::cerr << '\n';
  return io_error ? 2 : 0;
}

}  // namespace infralint::cli
