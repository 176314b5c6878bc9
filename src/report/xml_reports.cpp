#include <fmt/format.h>

#include "report/report.hpp"

namespace infralint {
namespace {

// Text as XML 1.0 character data or attribute value: markup escaped, characters XML 1.0 cannot
// carry at all (most C0 controls) and invalid UTF-8 replaced by U+FFFD.
std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        case '\t': out += "&#9;"; break;
        default: out += c < 0x20 || c == 0x7F ? std::string("\xEF\xBF\xBD") : std::string(1, s[i]);
      }
      ++i;
      continue;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    bool valid = len > 0 && c <= 0xF4 && i + len <= s.size();
    for (std::size_t k = 1; valid && k < len; ++k)
      valid = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (!valid) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

bool visible(const Finding& f) { return !f.suppressed_by; }

std::size_t count_visible(const FileReport& file) {
  std::size_t n = 0;
  for (const Finding& f : file.findings) n += visible(f);
  return n;
}

}  // namespace

void write_junit(std::ostream& out, const RunResult& run) {
  std::size_t tests = 0, failures = 0, errors = run.errors.size();
  for (const FileReport& file : run.files) {
    std::size_t n = count_visible(file);
    tests += std::max<std::size_t>(n, 1);
    for (const Finding& f : file.findings)
      if (visible(f)) (f.rule_id == "meta/syntax-error" ? errors : failures) += 1;
  }
  tests += run.errors.size();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"infralint\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                     tests, failures, errors);
  for (const FileReport& file : run.files) {
    const Document& doc = *file.doc;
    std::string path = xml_escape(doc.path());
    std::size_t n = count_visible(file), file_errors = 0;
    for (const Finding& f : file.findings)
      if (visible(f) && f.rule_id == "meta/syntax-error") ++file_errors;
    out << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                       path, std::max<std::size_t>(n, 1), n - file_errors, file_errors);
    if (n == 0)
      out << fmt::format("    <testcase name=\"infralint\" classname=\"{}\"/>\n", path);
    for (const Finding& f : file.findings) {
      if (!visible(f)) continue;
      Position p = doc.lines().position(f.span.begin);
      const char* element = f.rule_id == "meta/syntax-error" ? "error" : "failure";
      out << fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\">\n",
                         xml_escape(f.rule_id), path, path, p.line);
      out << fmt::format("      <{} message=\"{}\" type=\"{}\">{}:{}:{}: {}</{}>\n", element,
                         xml_escape(f.message), to_string(f.severity), path, p.line, p.column,
                         xml_escape(f.message), element);
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  for (const InputError& e : run.errors) {
    std::string path = xml_escape(e.path);
    out << fmt::format("  <testsuite name=\"{}\" tests=\"1\" failures=\"0\" errors=\"1\">\n", path);
    out << fmt::format("    <testcase name=\"infralint\" classname=\"{}\">\n", path);
    out << fmt::format("      <error message=\"{}\" type=\"error\">{}: {}</error>\n",
                       xml_escape(e.message), path, xml_escape(e.message));
    out << "    </testcase>\n  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

void write_checkstyle(std::ostream& out, const RunResult& run) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (const FileReport& file : run.files) {
    const Document& doc = *file.doc;
    out << fmt::format("  <file name=\"{}\">\n", xml_escape(doc.path()));
    for (const Finding& f : file.findings) {
      if (!visible(f)) continue;
      Position p = doc.lines().position(f.span.begin);
      out << fmt::format(
          "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>\n",
          p.line, p.column, to_string(f.severity), xml_escape(f.message), xml_escape(f.rule_id));
    }
    out << "  </file>\n";
  }
  for (const InputError& e : run.errors)
    out << fmt::format(
        "  <file name=\"{}\">\n    <error line=\"1\" column=\"1\" severity=\"error\" "
        "message=\"{}\" source=\"infralint\"/>\n  </file>\n",
        xml_escape(e.path), xml_escape(e.message));
  out << "</checkstyle>\n";
}

}  // namespace infralint
