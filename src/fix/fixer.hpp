#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/edit.hpp"
#include "core/finding.hpp"
#include "core/kind.hpp"
#include "engine/lint_config.hpp"

namespace infralint {

struct FixOptions {
  bool unsafe = false;  // also apply unsafe fixes
  LintConfig config;  // the rules, their options and settings; suppressions still apply
  int max_rounds = 10;
  // Findings of stack rules from the run that linted every file together, on this text: a
  // stack rule sees the other files, which re-linting this one alone does not. Their fixes
  // join the first round.
  std::vector<Finding> stack_findings;
};

struct FixOutcome {
  std::string text;                           // the fixed text (the input when nothing applied)
  std::map<std::string, std::size_t> applied;  // fixes applied per rule id
  std::vector<std::string> problems;          // rolled-back rounds, no convergence
  // Files the applied fixes create, with paths joined to the fixed file's directory.
  std::vector<NewFile> created;
  int rounds = 0;
  bool changed() const { return !applied.empty(); }
};

// Lint → apply non-overlapping fixes → re-parse and re-lint, until nothing changes or
// max_rounds. A round that adds a parse error is rolled back and reported.
FixOutcome fix_text(const std::string& path, Kind kind, std::string_view text,
                    const FixOptions& options);

}  // namespace infralint
