#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "report/report.hpp"

namespace infralint {

void write_statistics(std::ostream& out, const RunResult& run) {
  struct Row {
    std::size_t count = 0;
    std::size_t fixable = 0;
    Severity severity = Severity::info;
  };
  std::map<std::string_view, Row> rows;
  for (const FileReport& file : run.files)
    for (const Finding& f : file.findings) {
      if (f.suppressed_by) continue;
      Row& r = rows[f.rule_id];
      ++r.count;
      r.severity = f.severity;
      if (f.fix && f.fix->applicability != Applicability::display_only) ++r.fixable;
    }
  std::vector<std::pair<std::string_view, Row>> sorted(rows.begin(), rows.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second.count > b.second.count; });
  std::size_t total = 0;
  for (const auto& [id, r] : sorted) {
    out << fmt::format("{:>6}  {:<44} {:<8} {}\n", r.count, id, to_string(r.severity),
                       r.fixable == r.count ? "[fix]" : r.fixable ? "[some fix]" : "");
    total += r.count;
  }
  out << fmt::format("{:>6}  total\n", total);
}

}  // namespace infralint
