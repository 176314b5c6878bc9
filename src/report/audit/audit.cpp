#include "report/audit/audit.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/rule.hpp"
#include "report/unified_diff.hpp"

namespace infralint::audit {
namespace {

using json = nlohmann::ordered_json;

std::size_t entity_count(const FileReport& file, const char* name) {
  auto it = file.entities.find(name);
  return it == file.entities.end() ? 0 : it->second;
}

// The most lines of a finding's excerpt; a longer span shows its first lines.
constexpr std::size_t kExcerptLines = 6;
// Observed values longer than this are cut (with an ellipsis).
constexpr std::size_t kObservedBytes = 160;

std::string cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

// The lines of the span, each with the byte range of the span on it.
json excerpt(const Document& doc, Span span) {
  const LineIndex& lines = doc.lines();
  Position start = lines.position(span.begin);
  Position end = lines.position(std::max(span.begin, span.end > 0 ? span.end - 1 : 0));
  if (span.empty()) end = start;
  json out;
  out["first_line"] = start.line;
  json rows = json::array();
  for (std::size_t line = start.line; line <= end.line && line < start.line + kExcerptLines;
       ++line) {
    Span ls = lines.line_span(line);
    std::size_t from = std::max(span.begin, ls.begin) - ls.begin;
    std::size_t to = span.empty() ? from : std::min(span.end, ls.end) - ls.begin;
    if (to < from) to = from;
    rows.push_back({{"text", std::string(doc.slice(ls))}, {"mark", json::array({from, to})}});
  }
  out["lines"] = rows;
  out["truncated"] = end.line >= start.line + kExcerptLines;
  return out;
}

std::string fix_diff(const Document& doc, const Fix& fix) {
  std::string after;
  if (!apply_edits(doc.text(), fix.edits, after)) return {};
  std::ostringstream out;
  if (!fix.edits.empty()) write_unified_diff(out, doc.path(), doc.text(), after);
  for (const NewFile& created : fix.new_files) write_new_file_diff(out, created.path, created.text);
  return out.str();
}

// Observed and expected text of a finding: its span before and after its fix. The span grows to
// take in every edit that overlaps or touches it, so both sides show whole edits. A fix that
// changes only other places (adding a line elsewhere) has no comparable text (null; the report
// points at the fix's diff instead).
struct ObservedExpected {
  std::string observed;
  json expected;
};

ObservedExpected observed_expected(const Document& doc, const Finding& finding) {
  Span region = finding.span;
  if (!finding.fix || finding.fix->edits.empty())
    return {std::string(doc.slice(region)), json(nullptr)};
  const std::vector<Edit>& edits = finding.fix->edits;
  bool touched = false;
  for (bool grew = true; grew;) {
    grew = false;
    for (const Edit& edit : edits) {
      if (edit.span.end < region.begin || edit.span.begin > region.end) continue;
      touched = true;
      if (edit.span.begin < region.begin || edit.span.end > region.end) {
        region = {std::min(region.begin, edit.span.begin), std::max(region.end, edit.span.end)};
        grew = true;
      }
    }
  }
  std::string observed(doc.slice(region));
  if (!touched) return {observed, json(nullptr)};
  // Edits inside the region are applied to it; the ones outside do not move it.
  std::vector<Edit> inside;
  for (const Edit& edit : edits)
    if (edit.span.begin >= region.begin && edit.span.end <= region.end)
      inside.push_back({{edit.span.begin - region.begin, edit.span.end - region.begin},
                        edit.replacement});
  std::string after;
  if (!apply_edits(observed, inside, after)) return {observed, json(nullptr)};
  // Whole lines removed or rewritten: their line ends are not part of the value.
  auto chomp = [](std::string& text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  };
  chomp(observed);
  chomp(after);
  return {observed, json(after)};
}

// A failed check weighs by its risk against one passed check. Most rules do not apply to most
// files, so a check that passes says little; weighting failures equally (as Polaris does) gave
// the seed stack, which nginx rejects and which ships a literal password, an A.
constexpr double kErrorRisk = 10.0;
constexpr double kWarningRisk = 3.0;

// Polaris' letter grades (fairwindsops/polaris, pkg/dashboard/helpers.go getGrade).
std::string_view grade(unsigned score) {
  static constexpr std::pair<unsigned, std::string_view> kGrades[] = {
      {97, "A+"}, {93, "A"}, {90, "A-"}, {87, "B+"}, {83, "B"}, {80, "B-"}, {77, "C+"},
      {73, "C"},  {70, "C-"}, {67, "D+"}, {63, "D"}, {60, "D-"}};
  for (auto [min, letter] : kGrades)
    if (score >= min) return letter;
  return "F";
}

}  // namespace

std::string_view to_string(Status s) {
  switch (s) {
    case Status::fail: return "fail";
    case Status::pass: return "pass";
    case Status::not_applicable: return "not applicable";
    case Status::not_checked: return "not checked";
  }
  return "not checked";
}

bool in_scope(const FileReport& file, Scope scope) {
  if (!file.doc) return false;
  Kind kind = file.doc->kind();
  switch (scope) {
    case Scope::image: return kind == Kind::dockerfile && entity_count(file, "images") > 0;
    case Scope::runtime: return kind != Kind::dockerfile && entity_count(file, "containers") > 0;
    case Scope::pod: return kind == Kind::kubernetes && entity_count(file, "containers") > 0;
    case Scope::kubernetes: return kind == Kind::kubernetes;
    case Scope::nginx: return kind == Kind::nginx;
    case Scope::any: return true;
  }
  return false;
}

std::vector<FrameworkResult> evaluate(const RunResult& run, const std::vector<FileFacts>& facts,
                                      const std::vector<Framework>& frameworks) {
  std::vector<FrameworkResult> results;
  for (const Framework& framework : frameworks) {
    FrameworkResult fr{&framework, {}, {}};
    for (Status s : {Status::fail, Status::pass, Status::not_applicable, Status::not_checked})
      fr.counts[s] = 0;
    for (const Control& control : framework.controls) {
      ControlResult cr;
      cr.control = &control;
      std::set<std::string> ran;
      for (std::size_t i = 0; i < run.files.size(); ++i) {
        const FileReport& file = run.files[i];
        bool scoped = std::any_of(control.scopes.begin(), control.scopes.end(),
                                  [&](Scope s) { return in_scope(file, s); });
        if (!scoped) continue;
        ++cr.files_in_scope;
        const FileFacts* f = i < facts.size() ? &facts[i] : nullptr;
        if (!f || !f->analysed || control.coverage == Coverage::manual) continue;
        for (const std::string& rule : control.rules)
          if (f->rules_run.count(rule)) ran.insert(rule);
        for (std::size_t k = 0; k < file.findings.size(); ++k) {
          const Finding& finding = file.findings[k];
          if (!std::binary_search(control.rules.begin(), control.rules.end(), finding.rule_id))
            continue;
          if (finding.suppressed_by) ++cr.waived;
          else cr.findings.push_back({i, k});
        }
      }
      cr.rules_run.assign(ran.begin(), ran.end());
      if (cr.files_in_scope == 0) cr.status = Status::not_applicable;
      else if (!cr.findings.empty()) cr.status = Status::fail;
      else if (!cr.rules_run.empty()) cr.status = Status::pass;
      else cr.status = Status::not_checked;
      ++fr.counts[cr.status];
      fr.controls.push_back(std::move(cr));
    }
    results.push_back(std::move(fr));
  }
  return results;
}

std::string seal(std::string text) {
  XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  std::string hash = fmt::format("{:016x}{:016x}", h.high64, h.low64);
  auto at = text.find(kZeroHash);
  if (at != std::string::npos) text.replace(at, kZeroHash.size(), hash);
  return text;
}

json build_audit(const AuditInput& input) {
  const RunResult& run = *input.run;
  const Registry& registry = Registry::instance();
  json audit;
  audit["schema"] = "infralint-audit/1";
  audit["title"] = "infralint configuration audit";

  const Provenance& p = input.provenance;
  json provenance;
  provenance["infralint_version"] = p.version;
  provenance["date"] = p.date;
  provenance["configuration_hash"] = p.config_hash;
  provenance["git_commit"] = p.git_commit ? json(*p.git_commit) : json(nullptr);
  provenance["git_dirty"] = p.git_dirty ? json(*p.git_dirty) : json(nullptr);
  provenance["command"] = p.command;
  provenance["report_hash"] = kZeroHash;
  provenance["report_hash_method"] =
      "xxh3-128 of this file with report_hash set to 32 zeros";
  audit["provenance"] = provenance;

  // Findings: ids, and which controls each one fails.
  auto results = evaluate(run, input.facts, *input.frameworks);
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::string>> controls_of;
  for (const FrameworkResult& fr : results)
    for (const ControlResult& cr : fr.controls)
      for (const FindingRef& ref : cr.findings)
        controls_of[{ref.file, ref.finding}].push_back(fr.framework->id + ":" + cr.control->id);
  std::map<std::pair<std::size_t, std::size_t>, std::string> ids;
  json findings = json::array();
  std::map<std::string, std::size_t> by_severity{{"error", 0}, {"warning", 0}, {"info", 0}};
  std::map<std::string, std::size_t> by_category;
  std::map<std::string, std::map<std::string, std::size_t>> by_kind_category;
  std::size_t waived = 0;
  for (std::size_t i = 0; i < run.files.size(); ++i) {
    const FileReport& file = run.files[i];
    const Document& doc = *file.doc;
    for (std::size_t k = 0; k < file.findings.size(); ++k) {
      const Finding& f = file.findings[k];
      if (f.suppressed_by) {
        ++waived;
        continue;
      }
      std::string id = fmt::format("F{}", findings.size() + 1);
      ids[{i, k}] = id;
      const Rule* rule = registry.find(f.rule_id);
      json j;
      j["id"] = id;
      j["rule"] = f.rule_id;
      j["title"] = rule ? std::string(rule->meta().title) : std::string();
      j["severity"] = to_string(f.severity);
      json categories = json::array();
      if (rule)
        for (Category c : rule->meta().categories) {
          categories.push_back(to_string(c));
          ++by_category[std::string(to_string(c))];
          ++by_kind_category[std::string(to_string(doc.kind()))][std::string(to_string(c))];
        }
      j["categories"] = categories;
      j["message"] = f.message;
      j["path"] = doc.path();
      j["kind"] = to_string(doc.kind());
      Position start = doc.lines().position(f.span.begin);
      Position end = doc.lines().position(f.span.end);
      j["line"] = start.line;
      j["column"] = start.column;
      j["end_line"] = end.line;
      j["end_column"] = end.column;
      j["excerpt"] = excerpt(doc, f.span);
      auto [observed, expected] = observed_expected(doc, f);
      j["observed"] = cut(observed, kObservedBytes);
      j["expected"] = expected.is_string() ? json(cut(expected.get<std::string>(), kObservedBytes))
                                           : expected;
      if (f.fix) {
        j["fix"] = {{"title", f.fix->title},
                    {"applicability", to_string(f.fix->applicability)},
                    {"diff", fix_diff(doc, *f.fix)}};
      } else {
        j["fix"] = nullptr;
      }
      auto c = controls_of.find({i, k});
      j["controls"] = c == controls_of.end() ? json::array() : json(c->second);
      ++by_severity[std::string(to_string(f.severity))];
      findings.push_back(std::move(j));
    }
  }

  // Checks: every (rule, analysed file) pair that ran; its outcome is its worst finding.
  std::size_t passed = 0, errors = 0, warnings = 0, infos = 0;
  for (std::size_t i = 0; i < run.files.size() && i < input.facts.size(); ++i) {
    if (!input.facts[i].analysed) continue;
    for (const std::string& rule : input.facts[i].rules_run) {
      std::optional<Severity> worst;
      for (const Finding& f : run.files[i].findings)
        if (!f.suppressed_by && f.rule_id == rule && (!worst || f.severity > *worst))
          worst = f.severity;
      if (!worst) ++passed;
      else if (*worst == Severity::error) ++errors;
      else if (*worst == Severity::warning) ++warnings;
      else ++infos;
    }
  }
  std::size_t checks = passed + errors + warnings + infos;
  double denominator = static_cast<double>(passed) + kErrorRisk * static_cast<double>(errors) +
                       kWarningRisk * static_cast<double>(warnings) + static_cast<double>(infos);
  unsigned score = denominator > 0 ? static_cast<unsigned>(100.0 * passed / denominator) : 0;

  json summary;
  std::map<std::string, json> kinds;
  for (const FileReport& file : run.files) {
    std::string kind(to_string(file.doc->kind()));
    json& k = kinds[kind];
    if (k.is_null()) k = {{"kind", kind}, {"files", 0}, {"entities", json::object()}};
    k["files"] = k["files"].get<std::size_t>() + 1;
    for (const auto& [name, n] : file.entities)
      k["entities"][name] = k["entities"].value(name, std::size_t{0}) + n;
  }
  json files = json::array();
  for (auto& [kind, k] : kinds) files.push_back(k);
  summary["files"] = files;
  summary["findings"] = {{"total", findings.size()},
                         {"waived", waived},
                         {"by_severity", {{"error", by_severity["error"]},
                                          {"warning", by_severity["warning"]},
                                          {"info", by_severity["info"]}}},
                         {"by_category", by_category},
                         {"by_kind_and_category", by_kind_category}};
  summary["checks"] = {{"total", checks},
                       {"passed", passed},
                       {"failed_error", errors},
                       {"failed_warning", warnings},
                       {"failed_info", infos}};
  summary["pass_rate"] =
      checks ? std::floor(1000.0 * static_cast<double>(passed) / static_cast<double>(checks)) / 10.0
             : 0.0;
  summary["score"] = score;
  summary["score_formula"] =
      "score = floor(100 × passed / (passed + 10·errors + 3·warnings + infos)), over the checks "
      "run (one per selected rule and linted file; a check fails with its worst unwaived "
      "finding, weighted by that severity)";
  summary["grade"] = grade(score);
  summary["grade_scale"] =
      "Polaris' letter grades: A+ ≥ 97, A ≥ 93, A- ≥ 90, B+ ≥ 87, B ≥ 83, B- ≥ 80, C+ ≥ 77, "
      "C ≥ 73, C- ≥ 70, D+ ≥ 67, D ≥ 63, D- ≥ 60, else F";
  json not_linted = json::array();
  for (const auto& [path, kind] : run.not_checked)
    not_linted.push_back({{"path", path}, {"kind", to_string(kind)}});
  summary["files_not_supported"] = not_linted;
  audit["summary"] = summary;

  json frameworks = json::array();
  for (const FrameworkResult& fr : results) {
    json f;
    f["id"] = fr.framework->id;
    f["name"] = fr.framework->name;
    f["reference"] = fr.framework->reference;
    json counts;
    for (auto [s, n] : fr.counts) counts[std::string(to_string(s))] = n;
    f["counts"] = counts;
    json controls = json::array();
    for (const ControlResult& cr : fr.controls) {
      json c;
      c["id"] = cr.control->id;
      c["title"] = cr.control->title;
      c["coverage"] = to_string(cr.control->coverage);
      json scopes = json::array();
      for (Scope s : cr.control->scopes) scopes.push_back(to_string(s));
      c["scope"] = scopes;
      c["rules"] = cr.control->rules;
      c["rules_run"] = cr.rules_run;
      c["status"] = to_string(cr.status);
      json refs = json::array();
      for (const FindingRef& ref : cr.findings) refs.push_back(ids[{ref.file, ref.finding}]);
      c["findings"] = refs;
      c["waived"] = cr.waived;
      controls.push_back(std::move(c));
    }
    f["controls"] = controls;
    frameworks.push_back(std::move(f));
  }
  audit["frameworks"] = frameworks;
  audit["findings"] = findings;

  struct Waiver {
    bool expired;
    std::string path;
    std::size_t line;
    json value;
  };
  std::vector<Waiver> waivers;
  for (const FileReport& file : run.files) {
    const Document& doc = *file.doc;
    for (const Suppression& s : file.suppressions) {
      json rules = json::array();
      if (s.all_rules) rules.push_back("all");
      for (const Rule* r : s.rules) rules.push_back(r->meta().id);
      for (const std::string& unknown : s.unknown_ids) rules.push_back(unknown);
      std::size_t covered = 0;
      std::string text(doc.slice(s.comment));
      for (const Finding& f : file.findings)
        if (f.suppressed_by && *f.suppressed_by == text && s.target.begin <= f.span.begin &&
            f.span.begin <= s.target.end)
          ++covered;
      Position at = doc.lines().position(s.comment.begin);
      json w;
      w["path"] = doc.path();
      w["line"] = at.line;
      w["column"] = at.column;
      w["rules"] = rules;
      w["reason"] = s.reason;
      w["until"] = s.until.empty() ? json(nullptr) : json(s.until);
      w["expired"] = s.expired;
      w["used"] = s.used;
      w["findings_waived"] = covered;
      w["form"] = s.ours ? "infralint" : "peer";
      w["text"] = cut(text, kObservedBytes);
      waivers.push_back({s.expired, doc.path(), at.line, std::move(w)});
    }
  }
  std::stable_sort(waivers.begin(), waivers.end(), [](const Waiver& a, const Waiver& b) {
    if (a.expired != b.expired) return a.expired;
    if (a.path != b.path) return a.path < b.path;
    return a.line < b.line;
  });
  json ledger = json::array();
  for (Waiver& w : waivers) ledger.push_back(std::move(w.value));
  audit["waivers"] = ledger;

  if (input.baseline) {
    json b;
    b["path"] = input.baseline->path;
    b["accepted"] = input.baseline->accepted;
    json added = json::array();
    for (const FindingRef& ref : input.baseline->added)
      if (auto it = ids.find({ref.file, ref.finding}); it != ids.end()) added.push_back(it->second);
    b["new_findings"] = added;
    json resolved = json::array();
    for (const BaselineEntry& e : input.baseline->resolved)
      resolved.push_back({{"rule", e.rule},
                          {"path", e.path},
                          {"locator", e.locator},
                          {"count", e.count},
                          {"message", e.message}});
    b["resolved"] = resolved;
    audit["baseline"] = b;
  } else {
    audit["baseline"] = nullptr;
  }
  return audit;
}

std::string render_json(const json& audit) { return seal(audit.dump(2) + "\n"); }

}  // namespace infralint::audit
