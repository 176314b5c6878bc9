#include <fmt/format.h>

#include <sstream>

#include "report/audit/audit.hpp"
#include "report/audit/audit_text.hpp"

namespace infralint::audit {
namespace {

using json = nlohmann::ordered_json;

std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

// Inline code that survives backticks in the text.
std::string code(std::string_view s) {
  std::string text = cell(s);
  if (text.find('`') == std::string::npos) return "`" + text + "`";
  return "`` " + text + " ``";
}

// A fence longer than any backtick run in the text.
std::string fence(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

void provenance(std::ostream& out, const json& p) {
  out << "| | |\n|---|---|\n";
  out << "| Date | " << cell(p["date"].get<std::string>()) << " |\n";
  out << "| infralint | " << cell(p["infralint_version"].get<std::string>()) << " |\n";
  out << "| Configuration hash | " << code(p["configuration_hash"].get<std::string>()) << " |\n";
  out << "| Git commit | " << cell(git_text(p)) << " |\n";
  out << "| Command | " << code(p["command"].get<std::string>()) << " |\n";
  out << "| Report hash | " << code(p["report_hash"].get<std::string>()) << " ("
      << cell(p["report_hash_method"].get<std::string>()) << ") |\n\n";
}

void summary(std::ostream& out, const json& s) {
  out << "## Summary\n\n";
  out << fmt::format("**Grade {}**, score {}/100; {}% of {} checks passed.\n\n",
                     s["grade"].get<std::string>(), s["score"].get<unsigned>(),
                     s["pass_rate"].get<double>(), s["checks"]["total"].get<std::size_t>());
  out << "- Formula: " << s["score_formula"].get<std::string>() << ".\n";
  const json& c = s["checks"];
  out << fmt::format("- Checks: {} passed, {} failed with an error, {} with a warning, {} with "
                     "information only.\n",
                     c["passed"].get<std::size_t>(), c["failed_error"].get<std::size_t>(),
                     c["failed_warning"].get<std::size_t>(), c["failed_info"].get<std::size_t>());
  out << "- Grades: " << s["grade_scale"].get<std::string>() << ".\n\n";
  out << "### Files and entities\n\n| Kind | Files | Entities |\n|---|---:|---|\n";
  for (const json& k : s["files"])
    out << "| " << k["kind"].get<std::string>() << " | " << k["files"].get<std::size_t>() << " | "
        << cell(entities_text(k["entities"])) << " |\n";
  if (!s["files_not_supported"].empty()) {
    out << "\nRecognised but not linted (no support for the format yet): ";
    bool first = true;
    for (const json& f : s["files_not_supported"]) {
      out << (first ? "" : ", ") << code(f["path"].get<std::string>());
      first = false;
    }
    out << ".\n";
  }
  const json& f = s["findings"];
  out << fmt::format("\n### Findings\n\n{} findings ({} waived by suppressions, not counted).\n\n",
                     f["total"].get<std::size_t>(), f["waived"].get<std::size_t>());
  out << "| Severity | Findings |\n|---|---:|\n";
  for (const auto& [sev, n] : f["by_severity"].items())
    out << "| " << sev << " | " << n.get<std::size_t>() << " |\n";
  out << "\n| Category | Findings |\n|---|---:|\n";
  for (const auto& [cat, n] : f["by_category"].items())
    out << "| " << cat << " | " << n.get<std::size_t>() << " |\n";
  out << '\n';
}

void frameworks(std::ostream& out, const json& list) {
  out << "## Frameworks\n\n" << kStatusLegend << "\n\n";
  for (const json& fw : list) {
    out << "### " << fw["name"].get<std::string>() << "\n\n";
    out << "Reference: " << fw["reference"].get<std::string>() << "  \n";
    out << counts_text(fw["counts"]) << "\n\n";
    out << "| Control | Title | Coverage | Status | Findings |\n|---|---|---|---|---|\n";
    for (const json& c : fw["controls"]) {
      out << "| " << cell(c["id"].get<std::string>()) << " | " << cell(c["title"].get<std::string>())
          << " | " << c["coverage"].get<std::string>() << " | **"
          << c["status"].get<std::string>() << "** | " << cell(control_findings_text(c))
          << " |\n";
    }
    out << '\n';
  }
}

void evidence(std::ostream& out, const json& findings) {
  out << "## Evidence\n\n";
  if (findings.empty()) out << "No findings.\n\n";
  for (const json& f : findings) {
    out << fmt::format("### {} · {} · {}\n\n", f["id"].get<std::string>(),
                       f["severity"].get<std::string>(), f["rule"].get<std::string>());
    out << fmt::format("`{}:{}:{}` ({}) — {}\n\n", f["path"].get<std::string>(),
                       f["line"].get<std::size_t>(), f["column"].get<std::size_t>(),
                       f["kind"].get<std::string>(), f["message"].get<std::string>());
    out << "- Observed: " << code(f["observed"].get<std::string>()) << '\n';
    out << "- Expected: ";
    if (f["expected"].is_string())
      out << (f["expected"].get<std::string>().empty() ? std::string("(removed)")
                                                       : code(f["expected"].get<std::string>()));
    else if (!f["fix"].is_null()) out << "as the fix below";
    else out << "see the rule's documentation (`infralint explain " << f["rule"].get<std::string>() << "`)";
    out << '\n';
    if (!f["controls"].empty()) {
      out << "- Controls:";
      for (const json& c : f["controls"]) out << ' ' << c.get<std::string>();
      out << '\n';
    }
    std::string frame = excerpt_frame(f["excerpt"]);
    out << '\n' << fence(frame) << '\n' << frame << fence(frame) << "\n\n";
    if (!f["fix"].is_null()) {
      const json& fix = f["fix"];
      out << fmt::format("Fix ({}): {}\n\n", fix["applicability"].get<std::string>(),
                         fix["title"].get<std::string>());
      std::string diff = fix["diff"].get<std::string>();
      if (!diff.empty()) out << fence(diff) << "diff\n" << diff << fence(diff) << "\n\n";
    }
  }
}

void waivers(std::ostream& out, const json& list) {
  out << "## Waiver ledger\n\n";
  if (list.empty()) {
    out << "No suppressions.\n\n";
    return;
  }
  out << "| State | Location | Rules | Reason | Until | Findings waived |\n"
         "|---|---|---|---|---|---:|\n";
  for (const json& w : list)
    out << "| " << waiver_state(w) << " | " << code(fmt::format("{}:{}", w["path"].get<std::string>(),
                                                                  w["line"].get<std::size_t>()))
        << " | " << cell(join_strings(w["rules"])) << " | "
        << cell(w["reason"].get<std::string>().empty() ? "(no reason given)"
                                                        : w["reason"].get<std::string>())
        << " | " << (w["until"].is_null() ? "" : w["until"].get<std::string>()) << " | "
        << w["findings_waived"].get<std::size_t>() << " |\n";
  out << '\n';
}

void baseline(std::ostream& out, const json& b) {
  if (b.is_null()) return;
  out << "## Difference from the baseline\n\n";
  out << fmt::format("Baseline `{}`: {} current findings accepted by it, {} new, {} of its "
                     "entries resolved.\n\n",
                     b["path"].get<std::string>(), b["accepted"].get<std::size_t>(),
                     b["new_findings"].size(), b["resolved"].size());
  if (!b["new_findings"].empty()) out << "New findings: " << join_strings(b["new_findings"]) << "\n\n";
  for (const json& e : b["resolved"])
    out << "- resolved: " << code(e["path"].get<std::string>()) << ' '
        << e["rule"].get<std::string>() << ' ' << code(e["locator"].get<std::string>()) << '\n';
  out << '\n';
}

}  // namespace

std::string render_markdown(const json& audit) {
  std::ostringstream out;
  out << "# " << audit["title"].get<std::string>() << "\n\n";
  provenance(out, audit["provenance"]);
  summary(out, audit["summary"]);
  frameworks(out, audit["frameworks"]);
  evidence(out, audit["findings"]);
  waivers(out, audit["waivers"]);
  baseline(out, audit["baseline"]);
  return seal(out.str());
}

}  // namespace infralint::audit
