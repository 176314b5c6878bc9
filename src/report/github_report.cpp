#include <fmt/format.h>

#include "report/report.hpp"

namespace infralint {
namespace {

// Workflow-command escaping (interfaces.md §5.1): the message escapes %, CR and LF; property
// values additionally `:` and `,`, which would otherwise end the value.
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string_view command(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "notice";
  }
  return "warning";
}

}  // namespace

void write_github(std::ostream& out, const RunResult& run) {
  for (const FileReport& file : run.files) {
    const Document& doc = *file.doc;
    for (const Finding& f : file.findings) {
      if (f.suppressed_by) continue;
      Position a = doc.lines().position(f.span.begin);
      Position b = doc.lines().position(f.span.end);
      std::string where = fmt::format("file={},line={},endLine={}", escape_property(doc.path()),
                                      a.line, b.line);
      // Columns are only allowed on a single-line annotation.
      if (a.line == b.line) where += fmt::format(",col={},endColumn={}", a.column, b.column);
      out << fmt::format("::{} {},title={}::{}\n", command(f.severity), where,
                         escape_property(f.rule_id), escape_data(f.message));
    }
  }
  for (const InputError& e : run.errors)
    out << fmt::format("::error file={},title=infralint::{}\n", escape_property(e.path),
                       escape_data(e.message));
}

}  // namespace infralint
