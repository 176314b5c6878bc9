#include <fmt/format.h>

#include <map>

#include "report/related_documents.hpp"
#include "report/report.hpp"

namespace infralint {
namespace {

struct Palette {
  std::string_view bold, red, yellow, blue, cyan, dim, reset;
};

Palette palette(const TextStyle& style) {
  if (!style.color) return {};
  return {"\033[1m", "\033[31m", "\033[33m", "\033[34m", "\033[36m", "\033[2m", "\033[0m"};
}

std::string_view severity_colour(Severity s, const Palette& p) {
  switch (s) {
    case Severity::error: return p.red;
    case Severity::warning: return p.yellow;
    case Severity::info: return p.blue;
  }
  return p.reset;
}

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The first line of the span, with carets under the span's part of it. Tabs before the span are
// repeated in the caret line so that the carets line up in any terminal.
void write_frame(std::ostream& out, const Document& doc, Span span, const Palette& p) {
  Position start = doc.lines().position(span.begin);
  Span line = doc.lines().line_span(start.line);
  std::string_view text = doc.slice(line);
  std::string gutter = std::to_string(start.line);
  std::string pad(gutter.size(), ' ');
  out << fmt::format("{}{} |{} {}\n", p.dim, gutter, p.reset, text);
  std::string marks;
  for (std::size_t i = line.begin; i < span.begin && i < line.end; ++i) {
    char c = doc.text()[i];
    if (is_continuation_byte(c)) continue;
    marks += c == '\t' ? '\t' : ' ';
  }
  std::size_t carets = 0;
  for (std::size_t i = span.begin; i < std::min(span.end, line.end); ++i)
    if (!is_continuation_byte(doc.text()[i])) ++carets;
  marks += std::string(std::max<std::size_t>(carets, 1), '^');
  out << fmt::format("{}{} |{} {}{}{}\n", p.dim, pad, p.reset, p.red, marks, p.reset);
}

}  // namespace

void write_text(std::ostream& out, const RunResult& run, const TextStyle& style) {
  Palette p = palette(style);
  std::map<Severity, std::size_t> counts;
  std::size_t fixable = 0, unsafe_fixable = 0;
  RelatedDocuments documents(run);
  for (const FileReport& file : run.files) {
    for (const Finding& f : file.findings) {
      if (f.suppressed_by) {  // only there with --include-suppressed
        Position pos = file.doc->lines().position(f.span.begin);
        out << fmt::format("{}{}:{}:{}: suppressed[{}] {}{}\n", p.dim, file.doc->path(), pos.line,
                           pos.column, f.rule_id, f.message, p.reset);
        continue;
      }
      Position pos = file.doc->lines().position(f.span.begin);
      out << fmt::format("{}{}:{}:{}:{} {}{}{}[{}] {}\n", p.bold, file.doc->path(), pos.line,
                         pos.column, p.reset, severity_colour(f.severity, p), to_string(f.severity),
                         p.reset, f.rule_id, f.message);
      if (!file.doc->text().empty()) write_frame(out, *file.doc, f.span, p);
      for (const RelatedSpan& r : f.related) {
        const Document* in = documents.of(*file.doc, r);
        if (!in) {
          out << fmt::format("  {}note:{} {}: {}\n", p.dim, p.reset, r.path, r.message);
          continue;
        }
        Position at = in->lines().position(r.span.begin);
        out << fmt::format("  {}note:{} {}:{}:{}: {}\n", p.dim, p.reset, in->path(), at.line,
                           at.column, r.message);
      }
      if (f.fix) {
        out << fmt::format("  {}fix ({}):{} {}\n", p.cyan, to_string(f.fix->applicability),
                           p.reset, f.fix->title);
        if (f.fix->applicability == Applicability::safe) ++fixable;
        if (f.fix->applicability == Applicability::unsafe) ++unsafe_fixable;
      }
      ++counts[f.severity];
    }
  }
  for (const InputError& e : run.errors)
    out << fmt::format("{}{}:{} {}error{}: {}\n", p.bold, e.path, p.reset, p.red, p.reset, e.message);

  if (style.quiet) return;
  std::size_t total = counts[Severity::error] + counts[Severity::warning] + counts[Severity::info];
  out << fmt::format("{} problem{} ({} error{}, {} warning{}, {} info) in {} file{} checked",
                     total, total == 1 ? "" : "s", counts[Severity::error],
                     counts[Severity::error] == 1 ? "" : "s", counts[Severity::warning],
                     counts[Severity::warning] == 1 ? "" : "s", counts[Severity::info],
                     run.files.size(), run.files.size() == 1 ? "" : "s");
  if (fixable) out << fmt::format("; {} fixable with `infralint fix`", fixable);
  if (unsafe_fixable)
    out << fmt::format("{} {} {}fixable with `infralint fix --unsafe-fixes`", fixable ? "," : ";",
                       unsafe_fixable, fixable ? "more " : "");
  out << '\n';
}

}  // namespace infralint
