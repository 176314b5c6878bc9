// `infralint check --add-suppressions[=REASON]`: writes `# infralint: ignore[...]` comments
// above the current findings (ruff's --add-noqa), so a repository can adopt infralint today and
// burn the debt down later.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <set>

#include "cli/commands.hpp"
#include "fix/file_writer.hpp"
#include "fix/suppression_comment.hpp"
#include "parse/document_parser.hpp"

namespace infralint::cli {

int add_suppressions(const RunResult& run, const ConfigProvider& configs,
                     const std::string& reason) {
  std::size_t added = 0, files = 0, skipped = 0;
  bool io_error = false;
  for (const FileReport& file : run.files) {
    if (!file.doc || file.findings.empty()) continue;
    // Findings were linted on this text; the tree was released, so parse it again.
    Document doc(file.doc->path(), std::string(file.doc->text()), file.doc->kind());
    parse_document(doc, configs.for_path(file.doc->path()).parse_options());
    std::map<std::size_t, std::set<std::string_view>> by_line;
    for (const Finding& f : file.findings) {
      if (f.suppressed_by || f.rule_id.starts_with("meta/")) continue;
      auto at = suppression_line_start(doc, f.span.begin);
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
      edits.push_back(suppression_comment_edit(doc, begin, rules, reason));
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
