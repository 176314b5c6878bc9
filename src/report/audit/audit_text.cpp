#include "report/audit/audit_text.hpp"

#include <fmt/format.h>

namespace infralint::audit {

using json = nlohmann::ordered_json;

std::string git_text(const json& p) {
  if (p["git_commit"].is_null()) return "none (not in a git repository, or omitted with --no-git)";
  std::string text = p["git_commit"].get<std::string>();
  if (!p["git_dirty"].is_null())
    text += p["git_dirty"].get<bool>() ? " (uncommitted changes)" : " (clean)";
  return text;
}

std::string entities_text(const json& entities) {
  std::string text;
  for (const auto& [name, n] : entities.items()) {
    std::size_t count = n.get<std::size_t>();
    // The names are plurals ("containers", "secrets"): one of them is singular.
    std::string_view noun = name;
    if (count == 1 && noun.ends_with('s')) noun.remove_suffix(1);
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, noun);
  }
  return text.empty() ? "—" : text;
}

std::string counts_text(const json& counts) {
  std::string text;
  for (const auto& [status, n] : counts.items())
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", n.get<std::size_t>(), status);
  return text;
}

std::string join_strings(const json& list) {
  std::string text;
  for (const json& s : list) text += (text.empty() ? "" : ", ") + s.get<std::string>();
  return text;
}

std::string control_findings_text(const json& c) {
  constexpr std::size_t kShown = 8;
  std::string text;
  std::size_t n = c["findings"].size();
  for (std::size_t i = 0; i < n && i < kShown; ++i)
    text += (i ? ", " : "") + c["findings"][i].get<std::string>();
  if (n > kShown) text += fmt::format(" (+{} more)", n - kShown);
  std::size_t waived = c["waived"].get<std::size_t>();
  if (waived) text += fmt::format("{}{} waived", text.empty() ? "" : "; ", waived);
  std::string status = c["status"].get<std::string>();
  if (status == "not checked") {
    if (c["coverage"] == "manual") text = "cannot be judged from files";
    else if (c["rules"].empty()) text = "no rule";
    else text = "rules not run: " + join_strings(c["rules"]);
  }
  return text;
}

std::string waiver_state(const json& w) {
  if (w["expired"].get<bool>()) return "expired";
  if (!w["used"].get<bool>()) return "unused";
  return "active";
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string excerpt_frame(const json& excerpt) {
  std::size_t line = excerpt["first_line"].get<std::size_t>();
  const json& lines = excerpt["lines"];
  std::size_t width = fmt::format("{}", line + lines.size()).size();
  std::string out;
  for (const json& row : lines) {
    std::string text = row["text"].get<std::string>();
    std::size_t from = row["mark"][0].get<std::size_t>();
    std::size_t to = row["mark"][1].get<std::size_t>();
    out += fmt::format("{:>{}} | {}\n", line, width, text);
    std::size_t lead = code_points(std::string_view(text).substr(0, from));
    std::size_t len = std::max<std::size_t>(1, code_points(std::string_view(text).substr(from, to - from)));
    out += fmt::format("{:>{}} | {}{}\n", "", width, std::string(lead, ' '), std::string(len, '^'));
    ++line;
  }
  if (excerpt["truncated"].get<bool>()) out += fmt::format("{:>{}} | …\n", "", width);
  return out;
}

}  // namespace infralint::audit
