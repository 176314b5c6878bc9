#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/lint_config.hpp"

namespace infralint {

// A mistake in a configuration or policy file, at its place (1-based line and column).
struct ConfigError {
  std::string path;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
  std::string to_string() const;  // path:line:column: error: message
};

// A list of selectors as written, with where each was written (for later checks).
struct Selectors {
  std::vector<std::string> values;
  bool set = false;  // written in the file (an empty list replaces an inherited one)
};

// One `.infralint.yaml` as written: only what it sets. Values are validated while read; an
// invalid entry is reported and left out, the rest of the file still applies.
struct ConfigFile {
  std::string path;                  // absolute
  std::vector<std::string> extends;  // absolute paths, in order
  std::optional<std::string> profile;
  Selectors select, extend_select, ignore;
  std::vector<SeverityOverride> severities;
  std::vector<PathIgnore> path_ignores;
  std::optional<Severity> fail_on;
  std::map<std::string, RuleOptions, std::less<>> rule_options;
  RuleOptions settings;
  std::vector<std::string> policies;  // absolute paths
  bool inline_policies = false;       // `policies:` also holds policies written in place
};

// The names `.infralint.yaml` and `.infralint.yml`, looked for in this order.
const std::vector<std::string>& config_file_names();

// Reads and validates one configuration file (not its `extends`).
ConfigFile read_config_file(const std::string& path, std::vector<ConfigError>& errors);

// Parses configuration text; `path` names it in errors and anchors relative paths.
ConfigFile parse_config_text(const std::string& path, const std::string& text,
                             std::vector<ConfigError>& errors);

// Folds `file` into `config`: lists it sets replace, maps it sets merge key by key.
void apply_config_file(const ConfigFile& file, LintConfig& config);

// The `default-requests` / `default-limits` settings as `--default-requests` writes them:
// "cpu=250m,memory=256Mi". Fills `out` and returns "" or says what is wrong.
std::string parse_resource_defaults(std::string_view text, RuleOptions::Table& out);
// Why `value` cannot be the `resource` ("cpu" or "memory") of those settings, or "".
std::string resource_default_problem(std::string_view resource, std::string_view value);
// Whether `v` reads as a version such as "1.31" or "v1.31.2" (the *-version settings).
bool is_version_text(std::string_view v);

// The commented starter file `infralint init` writes.
std::string starter_config();

}  // namespace infralint
