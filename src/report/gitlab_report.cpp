#include <fmt/format.h>
#include <xxhash.h>

#include <nlohmann/json.hpp>

#include "report/fingerprint.hpp"
#include "report/report.hpp"

namespace infralint {
namespace {

std::string_view gitlab_severity(Severity s) {
  switch (s) {
    case Severity::error: return "critical";
    case Severity::warning: return "major";
    case Severity::info: return "minor";
  }
  return "major";
}

// Stable across pipelines and line shifts: the rule, the file and the content of the finding's
// line (the same line hash GitHub uses), never the line number.
std::string fingerprint(std::string_view rule, std::string_view path, std::string_view line_hash) {
  std::string key = fmt::format("{}\n{}\n{}", rule, path, line_hash);
  XXH128_hash_t h = XXH3_128bits(key.data(), key.size());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

}  // namespace

void write_gitlab(std::ostream& out, const RunResult& run) {
  auto issues = nlohmann::ordered_json::array();
  for (const FileReport& file : run.files) {
    const Document& doc = *file.doc;
    std::vector<std::string> hashes;
    if (doc.skipped_reason().empty()) hashes = line_fingerprints(doc.text());
    for (const Finding& f : file.findings) {
      if (f.suppressed_by) continue;
      Position a = doc.lines().position(f.span.begin);
      Position b = doc.lines().position(f.span.end);
      std::string line_hash = a.line <= hashes.size() ? hashes[a.line - 1] : std::to_string(a.line);
      issues.push_back(
          {{"description", f.message},
           {"check_name", f.rule_id},
           {"fingerprint", fingerprint(f.rule_id, doc.path(), line_hash)},
           {"severity", gitlab_severity(f.severity)},
           {"location",
            {{"path", doc.path()},
             {"positions",
              {{"begin", {{"line", a.line}, {"column", a.column}}},
               {"end", {{"line", b.line}, {"column", b.column}}}}}}}});
    }
  }
  out << issues.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace infralint
