#pragma once
#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "engine/baseline.hpp"
#include "engine/runner.hpp"
#include "report/audit/catalogue.hpp"

namespace infralint::audit {

// What the report knows of a linted file beyond its findings.
struct FileFacts {
  std::set<std::string, std::less<>> rules_run;  // selected for the file and looking at its kind
  // Parsed without error and not skipped: the rules that ran could judge it. A file that did not
  // parse checks nothing, so it never makes a control pass.
  bool analysed = true;
};

enum class Status { fail, pass, not_applicable, not_checked };
std::string_view to_string(Status s);

struct FindingRef {
  std::size_t file = 0;     // index in RunResult::files
  std::size_t finding = 0;  // index in FileReport::findings
};

struct ControlResult {
  const Control* control = nullptr;
  Status status = Status::not_checked;
  std::vector<FindingRef> findings;  // unsuppressed findings of its rules in its scope
  std::size_t waived = 0;            // findings of its rules a suppression waives
  std::vector<std::string> rules_run;  // its rules that ran on a file in its scope
  std::size_t files_in_scope = 0;
};

struct FrameworkResult {
  const Framework* framework = nullptr;
  std::vector<ControlResult> controls;
  std::map<Status, std::size_t> counts;
};

// A file is in a control's scope when it has entities of that kind (FileReport::entities).
bool in_scope(const FileReport& file, Scope scope);

// fail: a finding of one of its rules in its scope; pass: one of its rules ran on an analysed
// file in its scope and found nothing; not applicable: nothing in its scope; not checked: things
// in scope but no rule of it ran (none selected, none exists, or the files did not parse).
// A manual control is never more than not checked.
std::vector<FrameworkResult> evaluate(const RunResult& run, const std::vector<FileFacts>& facts,
                                      const std::vector<Framework>& frameworks);

// Reproducibility and traceability of a report.
struct Provenance {
  std::string version;
  std::string date;         // YYYY-MM-DD or an ISO timestamp
  std::string config_hash;  // xxh3-64 of the configuration files and the effective rule sets
  std::optional<std::string> git_commit;  // absent outside a repository or with --no-git
  std::optional<bool> git_dirty;
  std::string command;  // how the report was made, for people
};

// The difference from a baseline (`--baseline`): findings it does not have, entries that match
// no finding any more.
struct BaselineDiff {
  std::string path;
  std::size_t accepted = 0;  // current findings the baseline has
  std::vector<FindingRef> added;
  std::vector<BaselineEntry> resolved;
};

struct AuditInput {
  const RunResult* run = nullptr;  // with suppressed findings kept and audit facts recorded
  std::vector<FileFacts> facts;    // parallel to run->files
  const std::vector<Framework>* frameworks = nullptr;
  Provenance provenance;
  std::optional<BaselineDiff> baseline;
};

// The whole report as data: the JSON form, and what the Markdown and HTML forms are drawn from.
// Its "report_hash" is the xxh3-128 of the rendered report with that field all zeros.
nlohmann::ordered_json build_audit(const AuditInput& input);

inline constexpr std::string_view kZeroHash = "00000000000000000000000000000000";

// Each renders the audit and fills in its own report hash.
std::string render_json(const nlohmann::ordered_json& audit);
std::string render_markdown(const nlohmann::ordered_json& audit);
std::string render_html(const nlohmann::ordered_json& audit);

// Replaces kZeroHash (its first occurrence) by the xxh3-128 of the text as it is.
std::string seal(std::string text);

}  // namespace infralint::audit
