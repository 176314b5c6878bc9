#include <fmt/format.h>

#include <sstream>

#include "report/audit/audit.hpp"
#include "report/audit/audit_text.hpp"
#include "report/audit/svg_chart.hpp"

namespace infralint::audit {
namespace {

using json = nlohmann::ordered_json;

std::string e(std::string_view s) { return escape_html(s); }
std::string e(const std::string& s) { return escape_html(s); }
std::string e(const json& j) { return escape_html(j.get<std::string>()); }

// Screen and print styles; the page needs nothing else (no script, font or image is loaded).
constexpr std::string_view kStyle = R"css(
:root { --fail: #c62828; --pass: #2e7d32; --na: #9e9e9e; --nc: #f9a825; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212121;
       max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { border-bottom: 2px solid #e0e0e0; margin-top: 32px; }
h3 { margin-top: 24px; } table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid #e0e0e0; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } td.n { text-align: right; }
code, pre { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
pre { background: #fafafa; border: 1px solid #e0e0e0; padding: 8px; overflow-x: auto; white-space: pre; }
mark { background: #ffe082; }
.grade { display: inline-block; font-size: 44px; font-weight: 700; width: 84px; height: 84px;
         line-height: 84px; text-align: center; border-radius: 12px; color: #fff; background: #455a64; }
.headline { display: flex; gap: 24px; align-items: center; }
.status { font-weight: 600; white-space: nowrap; } .fail { color: var(--fail); }
.pass { color: var(--pass); } .not-applicable { color: #616161; } .not-checked { color: #8d6e00; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; } .chart text { font-size: 12px; fill: #212121; }
.finding { border-left: 4px solid #bdbdbd; padding-left: 12px; margin: 16px 0; break-inside: avoid; }
.finding.error { border-color: var(--fail); } .finding.warning { border-color: #ef6c00; }
.finding.info { border-color: #1565c0; } .del { color: #b71c1c; } .add { color: #1b5e20; }
.muted { color: #616161; } .legend-note { font-size: 13px; color: #424242; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-before: page; } h2.first { break-before: avoid; }
  table, pre, .chart { break-inside: avoid; } a { color: inherit; text-decoration: none; }
}
)css";

std::string status_class(const std::string& status) {
  std::string c = status;
  for (char& ch : c)
    if (ch == ' ') ch = '-';
  return c;
}

std::string excerpt_html(const json& excerpt) {
  std::size_t line = excerpt["first_line"].get<std::size_t>();
  std::string out = "<pre>";
  for (const json& row : excerpt["lines"]) {
    std::string text = row["text"].get<std::string>();
    std::size_t from = std::min(row["mark"][0].get<std::size_t>(), text.size());
    std::size_t to = std::min(std::max(from, row["mark"][1].get<std::size_t>()), text.size());
    out += fmt::format("<span class=\"muted\">{:>4} | </span>{}<mark>{}</mark>{}\n", line,
                       e(text.substr(0, from)), e(text.substr(from, to - from)),
                       e(text.substr(to)));
    ++line;
  }
  if (excerpt["truncated"].get<bool>()) out += "     | …\n";
  return out + "</pre>\n";
}

std::string diff_html(const std::string& diff) {
  std::string out = "<pre>";
  std::size_t pos = 0;
  while (pos < diff.size()) {
    std::size_t eol = diff.find('\n', pos);
    if (eol == std::string::npos) eol = diff.size();
    std::string_view line(diff.data() + pos, eol - pos);
    bool header = line.starts_with("---") || line.starts_with("+++");
    if (!header && line.starts_with('-')) out += "<span class=\"del\">" + e(line) + "</span>\n";
    else if (!header && line.starts_with('+')) out += "<span class=\"add\">" + e(line) + "</span>\n";
    else out += e(line) + "\n";
    pos = eol + 1;
  }
  return out + "</pre>\n";
}

void charts(std::ostream& out, const json& audit) {
  const json& findings = audit["summary"]["findings"];
  std::vector<ChartSeries> severities{{"error", "#c62828"}, {"warning", "#ef6c00"}, {"info", "#1565c0"}};
  std::vector<ChartRow> severity_rows;
  for (const ChartSeries& s : severities) {
    ChartRow row{s.name, std::vector<double>(severities.size(), 0.0)};
    for (std::size_t i = 0; i < severities.size(); ++i)
      if (severities[i].name == s.name)
        row.values[i] = findings["by_severity"].value(s.name, 0.0);
    severity_rows.push_back(row);
  }
  static const std::vector<std::string> kColors{"#6a1b9a", "#00838f", "#2e7d32", "#ef6c00",
                                                "#ad1457", "#1565c0", "#5d4037", "#757575"};
  std::vector<ChartSeries> categories;
  for (const auto& [name, n] : findings["by_category"].items())
    categories.push_back({name, kColors[categories.size() % kColors.size()]});
  std::vector<ChartRow> kind_rows;
  for (const auto& [kind, counts] : findings["by_kind_and_category"].items()) {
    ChartRow row{kind, {}};
    for (const ChartSeries& c : categories) row.values.push_back(counts.value(c.name, 0.0));
    kind_rows.push_back(row);
  }
  std::vector<ChartSeries> statuses{{"fail", "#c62828"},
                                    {"pass", "#2e7d32"},
                                    {"not applicable", "#9e9e9e"},
                                    {"not checked", "#f9a825"}};
  std::vector<ChartRow> coverage_rows;
  for (const json& fw : audit["frameworks"]) {
    ChartRow row{fw["id"].get<std::string>(), {}};
    for (const ChartSeries& s : statuses) row.values.push_back(fw["counts"].value(s.name, 0.0));
    coverage_rows.push_back(row);
  }
  out << "<div class=\"charts\">\n<figure>\n<figcaption>Findings by severity</figcaption>\n"
      << stacked_bar_chart("Findings by severity", severities, severity_rows) << "</figure>\n";
  out << "<figure>\n<figcaption>Findings by category, per file kind</figcaption>\n"
      << stacked_bar_chart("Findings by category per file kind", categories, kind_rows)
      << "</figure>\n";
  out << "<figure>\n<figcaption>Controls by status, per framework</figcaption>\n"
      << stacked_bar_chart("Controls by status per framework", statuses, coverage_rows)
      << "</figure>\n</div>\n";
}

void summary(std::ostream& out, const json& audit) {
  const json& s = audit["summary"];
  out << "<h2 class=\"first\">Summary</h2>\n<div class=\"headline\"><div class=\"grade\">"
      << e(s["grade"]) << "</div><div>";
  out << fmt::format("<p><strong>Score {}/100</strong>; {}% of {} checks passed ({} with an "
                     "error, {} with a warning, {} with information only).</p>",
                     s["score"].get<unsigned>(), s["pass_rate"].get<double>(),
                     s["checks"]["total"].get<std::size_t>(),
                     s["checks"]["failed_error"].get<std::size_t>(),
                     s["checks"]["failed_warning"].get<std::size_t>(),
                     s["checks"]["failed_info"].get<std::size_t>());
  out << "<p class=\"legend-note\">" << e(s["score_formula"]) << ".<br>" << e(s["grade_scale"])
      << ".</p></div></div>\n";
  out << "<table><tr><th>Kind</th><th>Files</th><th>Entities</th></tr>\n";
  for (const json& k : s["files"])
    out << "<tr><td>" << e(k["kind"]) << "</td><td class=\"n\">" << k["files"].get<std::size_t>()
        << "</td><td>" << e(entities_text(k["entities"])) << "</td></tr>\n";
  out << "</table>\n";
  if (!s["files_not_supported"].empty()) {
    out << "<p>Recognised but not linted (no support for the format yet):";
    for (const json& f : s["files_not_supported"]) out << " <code>" << e(f["path"]) << "</code>";
    out << "</p>\n";
  }
  const json& f = s["findings"];
  out << fmt::format("<p>{} findings; {} waived by suppressions (not counted).</p>\n",
                     f["total"].get<std::size_t>(), f["waived"].get<std::size_t>());
  charts(out, audit);
}

void frameworks(std::ostream& out, const json& list) {
  out << "<h2>Frameworks</h2>\n<p class=\"legend-note\">";
  std::string legend(kStatusLegend);
  for (std::size_t at; (at = legend.find("**")) != std::string::npos;) legend.erase(at, 2);
  out << e(legend) << "</p>\n";
  for (const json& fw : list) {
    out << "<h3>" << e(fw["name"]) << "</h3>\n<p>Reference: " << e(fw["reference"]) << "<br>"
        << e(counts_text(fw["counts"])) << "</p>\n";
    out << "<table><tr><th>Control</th><th>Title</th><th>Coverage</th><th>Status</th>"
           "<th>Findings</th></tr>\n";
    for (const json& c : fw["controls"]) {
      std::string status = c["status"].get<std::string>();
      std::string findings;
      std::size_t shown = 0;
      for (const json& id : c["findings"]) {
        if (++shown > 8) break;
        findings += fmt::format("{}<a href=\"#{}\">{}</a>", findings.empty() ? "" : ", ",
                                e(id), e(id));
      }
      if (status != "fail") {
        findings = e(control_findings_text(c));
      } else {
        if (c["findings"].size() > 8) findings += fmt::format(" (+{} more)", c["findings"].size() - 8);
        if (std::size_t waived = c["waived"].get<std::size_t>())
          findings += fmt::format("; {} waived", waived);
      }
      out << "<tr><td>" << e(c["id"]) << "</td><td>" << e(c["title"]) << "</td><td>"
          << e(c["coverage"]) << "</td><td class=\"status " << status_class(status) << "\">"
          << e(status) << "</td><td>" << findings << "</td></tr>\n";
    }
    out << "</table>\n";
  }
}

void evidence(std::ostream& out, const json& findings) {
  out << "<h2>Evidence</h2>\n";
  if (findings.empty()) out << "<p>No findings.</p>\n";
  for (const json& f : findings) {
    std::string severity = f["severity"].get<std::string>();
    out << "<div class=\"finding " << e(severity) << "\" id=\"" << e(f["id"]) << "\">\n";
    out << fmt::format("<h3>{} · {} · <code>{}</code></h3>\n", e(f["id"]), e(severity), e(f["rule"]));
    out << fmt::format("<p><code>{}:{}:{}</code> ({}) — {}</p>\n", e(f["path"]),
                       f["line"].get<std::size_t>(), f["column"].get<std::size_t>(), e(f["kind"]),
                       e(f["message"]));
    out << "<p>Observed: <code>" << e(f["observed"]) << "</code><br>Expected: ";
    if (f["expected"].is_string())
      out << (f["expected"].get<std::string>().empty() ? std::string("(removed)")
                                                       : "<code>" + e(f["expected"]) + "</code>");
    else if (!f["fix"].is_null()) out << "as the fix below";
    else out << "see <code>infralint explain " << e(f["rule"]) << "</code>";
    if (!f["controls"].empty()) out << "<br>Controls: " << e(join_strings(f["controls"]));
    out << "</p>\n" << excerpt_html(f["excerpt"]);
    if (!f["fix"].is_null()) {
      out << "<p>Fix (" << e(f["fix"]["applicability"]) << "): " << e(f["fix"]["title"]) << "</p>\n";
      std::string diff = f["fix"]["diff"].get<std::string>();
      if (!diff.empty()) out << diff_html(diff);
    }
    out << "</div>\n";
  }
}

void waivers(std::ostream& out, const json& list) {
  out << "<h2>Waiver ledger</h2>\n";
  if (list.empty()) {
    out << "<p>No suppressions.</p>\n";
    return;
  }
  out << "<table><tr><th>State</th><th>Location</th><th>Rules</th><th>Reason</th><th>Until</th>"
         "<th>Findings waived</th></tr>\n";
  for (const json& w : list) {
    std::string reason = w["reason"].get<std::string>();
    out << "<tr><td>" << waiver_state(w) << "</td><td><code>" << e(w["path"]) << ':'
        << w["line"].get<std::size_t>() << "</code></td><td>" << e(join_strings(w["rules"]))
        << "</td><td>" << (reason.empty() ? "<em>no reason given</em>" : e(reason)) << "</td><td>"
        << (w["until"].is_null() ? "" : e(w["until"])) << "</td><td class=\"n\">"
        << w["findings_waived"].get<std::size_t>() << "</td></tr>\n";
  }
  out << "</table>\n";
}

void baseline(std::ostream& out, const json& b) {
  if (b.is_null()) return;
  out << "<h2>Difference from the baseline</h2>\n";
  out << fmt::format("<p>Baseline <code>{}</code>: {} current findings accepted by it, {} new, "
                     "{} of its entries resolved.</p>\n",
                     e(b["path"]), b["accepted"].get<std::size_t>(), b["new_findings"].size(),
                     b["resolved"].size());
  if (!b["new_findings"].empty()) out << "<p>New: " << e(join_strings(b["new_findings"])) << "</p>\n";
  if (!b["resolved"].empty()) {
    out << "<ul>\n";
    for (const json& r : b["resolved"])
      out << "<li>resolved: <code>" << e(r["path"]) << "</code> " << e(r["rule"]) << " <code>"
          << e(r["locator"]) << "</code></li>\n";
    out << "</ul>\n";
  }
}

}  // namespace

std::string render_html(const json& audit) {
  std::ostringstream out;
  const json& p = audit["provenance"];
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << e(audit["title"]) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  out << "<h1>" << e(audit["title"]) << "</h1>\n";
  out << "<table><tr><th>Date</th><td>" << e(p["date"]) << "</td><th>infralint</th><td>"
      << e(p["infralint_version"]) << "</td></tr>\n<tr><th>Git commit</th><td>" << e(git_text(p))
      << "</td><th>Configuration hash</th><td><code>" << e(p["configuration_hash"])
      << "</code></td></tr>\n<tr><th>Command</th><td><code>" << e(p["command"])
      << "</code></td><th>Report hash</th><td><code>" << e(p["report_hash"])
      << "</code><br><span class=\"muted\">" << e(p["report_hash_method"])
      << "</span></td></tr></table>\n";
  summary(out, audit);
  frameworks(out, audit["frameworks"]);
  evidence(out, audit["findings"]);
  waivers(out, audit["waivers"]);
  baseline(out, audit["baseline"]);
  out << "</body>\n</html>\n";
  return seal(out.str());
}

}  // namespace infralint::audit
