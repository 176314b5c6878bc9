#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/rule_options.hpp"
#include "core/severity.hpp"
#include "engine/analysis_cache.hpp"
#include "engine/runner.hpp"

namespace infralint::cli {

enum class ColorMode { automatic, always, never };

struct CommonOptions {
  std::vector<std::string> paths;
  RunOptions run;
  std::string kind;  // --kind
  ColorMode color = ColorMode::automatic;
  std::string config;  // --config FILE: this configuration for every file
  bool isolated = false;  // --isolated: no configuration file at all
  std::string profile;  // --profile
  std::vector<std::string> extend_select;  // --extend-select
  std::optional<Severity> fail_on;  // --fail-on; else the configuration's, else warning
  std::vector<std::string> policies;  // --policy FILE: custom policies, run as rules
  std::vector<std::string> config_policy_files;  // configurations with policies in place
  // Where the first read found configurations: directory → file ("" none).
  std::map<std::string, std::string> config_lookups;
  std::vector<bool> named_directories;  // which of `paths` are directories (asked once)
  bool policy_errors = false;         // a policy file had mistakes: the run exits 2
  // Settings given as options (--kube-version, --default-requests, --default-limits,
  // --nginx-version, --nginx-prefix), as written; `prepare` validates them into `settings`,
  // which win over configuration files.
  std::string kube_version, default_requests, default_limits, nginx_version, nginx_prefix;
  RuleOptions settings;
  // --cache-dir (default: INFRALINT_CACHE_DIR, else the user cache directory) and --no-cache;
  // `prepare` opens the cache into `run.cache`.
  std::string cache_dir;
  bool no_cache = false;
  std::shared_ptr<AnalysisCache> cache;
};

struct CheckOptions {
  CommonOptions common;
  std::string format = "text";
  std::vector<std::string> outputs;  // -o FORMAT:PATH, each written besides stdout's format
  bool statistics = false;  // counts per rule instead of the findings
  bool exit_zero = false;   // exit 0 even with findings (errors still exit 2)
  bool quiet = false;       // no summary or notes
  std::string baseline;     // --baseline FILE: report only findings it does not have
  std::optional<std::string> add_suppressions;  // --add-suppressions[=REASON]
};

struct BaselineOptions {
  CommonOptions common;
  std::string output = ".infralint-baseline.json";
};

// The formats of `check --format` and `-o`.
inline const std::vector<std::string> kReportFormats{"text",   "json",   "sarif",     "junit",
                                                     "github", "gitlab", "checkstyle"};

struct FixCommandOptions {
  CommonOptions common;
  bool unsafe = false;
  bool diff = false;
};

// Each returns the process exit code: 0 clean, 1 findings (or, with --diff, changes), 2 usage,
// configuration or I/O errors.
int run_check_command(CheckOptions options);
// `infralint merge SHARD.json...`: the shards' findings of `check --shard I/N -f json`, with the
// stack rules run once over every file; `options.common.paths` holds the shard reports.
int run_merge_command(CheckOptions options);
int run_fix_command(FixCommandOptions options);
int run_rules_command(const std::string& format, const std::vector<std::string>& policies = {});
int run_explain_command(const std::string& id, const std::vector<std::string>& policies = {});
// `infralint baseline create`: writes the current findings as the accepted baseline.
int run_baseline_create_command(BaselineOptions options);
// Writes suppression comments above the run's findings (check --add-suppressions).
int add_suppressions(const RunResult& run, const ConfigProvider& configs,
                     const std::string& reason);
// `infralint init [DIR]`: writes the commented starter `.infralint.yaml`; never overwrites.
int run_init_command(const std::string& directory);

// Loads the policy files and registers their policies as rules, before anything reads the
// registry. Prints each mistake with its position; returns false when there was one (the
// policies without mistakes are registered all the same).
// `config_files`: configuration files whose `policies:` list holds policies written in place.
bool load_policies(const std::vector<std::string>& files,
                   const std::vector<std::string>& config_files = {});

struct ReportOptions {
  CommonOptions common;
  std::string format = "html";  // html, md, json
  std::string output;           // -o FILE; empty or -: stdout
  std::string baseline;         // --baseline FILE: show the difference from it
  std::string date;             // --date: instead of SOURCE_DATE_EPOCH or now
  bool no_git = false;          // --no-git: leave the git commit out (golden files)
};
// `infralint report`: an audit report of the findings mapped onto compliance frameworks.
// 0 when written; 2 on usage, configuration or I/O errors. Findings do not change the code.
int run_report_command(ReportOptions options);

struct MigrateOptions {
  std::vector<std::string> paths;  // railway.toml/railway.json files or directories holding one
  std::string output;              // -o FILE; empty: stdout
  std::string project;             // --project NAME; empty: the linked project's name
};
// `infralint migrate railway`: 0 written, 2 on an unreadable or unparsable input or when the
// output file exists (it is never overwritten).
int run_migrate_railway_command(const MigrateOptions& options);

}  // namespace infralint::cli
