#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "engine/runner.hpp"

namespace infralint {

// One finding known and accepted when the baseline was made. Never a line number: the rule,
// the file (relative to the baseline's directory), where in the file's structure
// (structural_locator) and a hash of the flagged text; `count` findings share the identity.
struct BaselineEntry {
  std::string rule;
  std::string path;
  std::string locator;
  std::string hash;
  std::string message;  // for people reading the file; not matched
  std::size_t count = 1;
};

struct Baseline {
  std::vector<BaselineEntry> entries;
};

// The baseline of a run made with RunOptions::locate_findings.
Baseline make_baseline(const RunResult& run, const std::string& baseline_file);
std::string baseline_to_json(const Baseline& baseline);
// False with `error` (path and what is wrong) when the file cannot be read or is not ours.
bool read_baseline(const std::string& path, Baseline& out, std::string& error);

struct BaselineOutcome {
  std::size_t baselined = 0;         // findings dropped because the baseline has them
  std::vector<BaselineEntry> stale;  // entries no finding matched: fixed, shrink the file
};

struct BaselineMatch {
  std::vector<std::vector<bool>> accepted;  // per file of the run, per finding: the baseline has it
  std::vector<BaselineEntry> stale;         // as in BaselineOutcome
};

// What apply_baseline would drop, without dropping it (audit reports show both sides).
BaselineMatch match_baseline(const Baseline& baseline, const RunResult& run,
                             const std::string& baseline_file);

// Drops the findings the baseline accepts (suppressed ones are left alone). Entries of the files
// linted in this run that matched nothing are `stale`; other files' entries are not judged.
BaselineOutcome apply_baseline(const Baseline& baseline, RunResult& run,
                               const std::string& baseline_file);

}  // namespace infralint
