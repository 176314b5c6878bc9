#include "report/unified_diff.hpp"

#include <dtl/dtl.hpp>

#include <vector>

namespace infralint {
namespace {

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    lines.emplace_back(text.substr(pos, eol - pos));
    pos = eol + 1;
  }
  return lines;
}

}  // namespace

void write_unified_diff(std::ostream& out, const std::string& path, std::string_view before,
                        std::string_view after) {
  dtl::Diff<std::string> diff(split_lines(before), split_lines(after));
  diff.onHuge();
  diff.compose();
  diff.composeUnifiedHunks();
  out << "--- a/" << path << "\n+++ b/" << path << "\n";
  diff.printUnifiedFormat(out);
}

void write_new_file_diff(std::ostream& out, const std::string& path, std::string_view text) {
  auto lines = split_lines(text);
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  out << "--- /dev/null\n+++ b/" << path << "\n@@ -0,0 +1," << lines.size() << " @@\n";
  for (const auto& line : lines) out << '+' << line << '\n';
}

}  // namespace infralint
