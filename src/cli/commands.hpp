#pragma once
#include <string>
#include <vector>

#include "core/severity.hpp"
#include "engine/runner.hpp"

namespace infralint::cli {

enum class ColorMode { automatic, always, never };

struct CommonOptions {
  std::vector<std::string> paths;
  RunOptions run;
  std::string kind;  // --kind
  ColorMode color = ColorMode::automatic;
  std::vector<std::string> policies;  // --policy FILE: custom policies, run as rules
  bool policy_errors = false;         // a policy file had mistakes: the run exits 2
};

struct CheckOptions {
  CommonOptions common;
  std::string format = "text";
  std::vector<std::string> outputs;  // -o FORMAT:PATH, each written besides stdout's format
  Severity fail_on = Severity::warning;
  bool statistics = false;  // counts per rule instead of the findings
  bool exit_zero = false;   // exit 0 even with findings (errors still exit 2)
  bool quiet = false;       // no summary or notes
};

// The formats of `check --format` and `-o`.
inline const std::vector<std::string> kReportFormats{"text",   "json",   "sarif",     "junit",
                                                     "github", "gitlab", "checkstyle"};

struct FixCommandOptions {
  CommonOptions common;
  bool unsafe = false;
  bool diff = false;
  Severity fail_on = Severity::warning;
};

// Each returns the process exit code: 0 clean, 1 findings (or, with --diff, changes), 2 usage,
// configuration or I/O errors.
int run_check_command(CheckOptions options);
int run_fix_command(FixCommandOptions options);
int run_rules_command(const std::string& format, const std::vector<std::string>& policies = {});
int run_explain_command(const std::string& id, const std::vector<std::string>& policies = {});

// Loads the policy files and registers their policies as rules, before anything reads the
// registry. Prints each mistake with its position; returns false when there was one (the
// policies without mistakes are registered all the same).
bool load_policies(const std::vector<std::string>& files);

struct MigrateOptions {
  std::vector<std::string> paths;  // railway.toml/railway.json files or directories holding one
  std::string output;              // -o FILE; empty: stdout
  std::string project;             // --project NAME; empty: the linked project's name
};
// `infralint migrate railway`: 0 written, 2 on an unreadable or unparsable input or when the
// output file exists (it is never overwritten).
int run_migrate_railway_command(const MigrateOptions& options);

}  // namespace infralint::cli
