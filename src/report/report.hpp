#pragma once
#include <ostream>
#include <string>

#include "engine/runner.hpp"

namespace infralint {

struct TextStyle {
  bool color = false;
  bool quiet = false;  // findings only: no summary line
};

// What a machine-readable report says about the run beyond its findings.
struct RunContext {
  int exit_code = 0;
  std::string working_directory;  // absolute; relative paths in the reports are relative to it
};

// `path:line:col: severity[rule-id] message`, a code frame with carets under the span, the fix
// if any, then a summary line.
void write_text(std::ostream& out, const RunResult& run, const TextStyle& style);

// The JSON contract of `check --format json` (see README): stable, extended never broken.
void write_json(std::ostream& out, const RunResult& run);

// SARIF 2.1.0 as GitHub code scanning reads it (../shared/peers/interfaces.md §1).
void write_sarif(std::ostream& out, const RunResult& run, const RunContext& context);

// CI formats: JUnit XML (a testsuite per file), GitHub workflow commands, GitLab Code Quality
// JSON, Checkstyle XML. Suppressed findings are left out of all of them.
void write_junit(std::ostream& out, const RunResult& run);
void write_github(std::ostream& out, const RunResult& run);
void write_gitlab(std::ostream& out, const RunResult& run);
void write_checkstyle(std::ostream& out, const RunResult& run);

// `--statistics`: one line per rule with its count, most frequent first.
void write_statistics(std::ostream& out, const RunResult& run);

}  // namespace infralint
