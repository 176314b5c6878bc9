#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "core/severity.hpp"
#include "engine/rule_options.hpp"
#include "engine/selection.hpp"
#include "parse/document_parser.hpp"

namespace infralint {

// `severity: {<selector>: error}` in the configuration; the last matching entry wins.
struct SeverityOverride {
  std::string selector;
  Severity severity = Severity::warning;
};

// `per-file-ignores: {<glob>: [<selector>, ...]}`: findings of these rules in matching files
// are dropped. Globs are relative to the configuration's directory; `**` crosses directories.
struct PathIgnore {
  std::string glob;
  std::vector<std::string> selectors;
  std::string base;  // absolute directory of the file that wrote it (empty: cwd)
};

// Everything that decides how one file is linted: the effective configuration for it.
struct LintConfig {
  LintConfig() = default;
  LintConfig(RuleSelection s) : selection(std::move(s)) {}  // NOLINT: a selection is a config

  RuleSelection selection;
  std::vector<SeverityOverride> severities;
  std::vector<PathIgnore> path_ignores;
  std::map<std::string, RuleOptions, std::less<>> rule_options;  // by rule id
  RuleOptions settings;  // kubernetes-version, nginx-version, ...
  std::optional<Severity> fail_on;
  bool keep_suppressed = false;  // --include-suppressed
  std::string source;            // the configuration file (empty: built-in defaults)

  const RuleOptions& options_for(std::string_view rule_id) const;
  // How files under this configuration are parsed: every parse of a file (lint, fix check,
  // graph, language server) must resolve nginx includes the same way.
  ParseOptions parse_options() const {
    return {.nginx_prefix = settings.string("nginx-prefix", "")};
  }
  // Severity overrides and per-path ignores, applied to one file's findings.
  void adjust(const std::string& path, std::vector<Finding>& findings) const;
};

// The configuration in force for each file (nearest `.infralint.yaml`, or `--config`).
class ConfigProvider {
 public:
  virtual ~ConfigProvider() = default;
  virtual const LintConfig& for_path(const std::string& path) const = 0;
};

// `**` matches across `/`, `*` and `?` within one path segment; a glob without `/` matches
// the file name anywhere (as in .gitignore).
bool glob_matches(std::string_view glob, std::string_view path);

}  // namespace infralint
