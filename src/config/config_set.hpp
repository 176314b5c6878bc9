#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/config_file.hpp"
#include "engine/lint_config.hpp"

namespace infralint {

// What the command line says beside the configuration files: it wins over them.
struct CommandLineConfig {
  std::vector<std::string> select;         // replaces the files' `select` when given
  std::vector<std::string> extend_select;  // added to the files'
  std::vector<std::string> ignore;         // added to the files'
  std::string profile;                     // replaces the files' when given
  std::optional<Severity> fail_on;
  bool keep_suppressed = false;
  RuleOptions settings;  // --kube-version, --nginx-version, ...: win over the files' settings
};

// Finds the configuration of each file: `--config FILE` for all, else the nearest
// `.infralint.yaml` in the file's directory or above (nearest wins; `extends` inherits), else
// the defaults. Thread-safe; each file is read once; mistakes are collected, never thrown.
class ConfigSet final : public ConfigProvider {
 public:
  // `explicit_file`: --config; `isolated`: --isolated (no configuration file at all).
  ConfigSet(CommandLineConfig command_line, std::optional<std::string> explicit_file,
            bool isolated);

  const LintConfig& for_path(const std::string& path) const override;
  // The configuration of a directory (for the paths given on the command line).
  const LintConfig& for_directory(const std::string& directory) const;

  std::vector<ConfigError> errors() const;
  // `policies:` of every configuration read so far, absolute, without duplicates.
  std::vector<std::string> policies() const;
  // The configuration files whose `policies:` hold policies written in place.
  std::vector<std::string> files_with_inline_policies() const;

  // Which configuration file each directory looked at so far has ("" none). A second set for
  // the same run takes them over, so that the file system is asked once (each level of every
  // directory costs a stat per configuration name).
  using Lookups = std::map<std::string, std::string>;
  Lookups lookups() const;
  void adopt_lookups(Lookups lookups);

 private:
  const LintConfig& resolve(const std::string& config_path) const;  // "" = defaults
  std::string nearest_config(const std::string& directory) const;
  const LintConfig& for_normal_directory(const std::string& directory) const;
  void load_chain(const std::string& path, LintConfig& config,
                  std::vector<std::string>& visiting) const;

  CommandLineConfig command_line_;
  std::optional<std::string> explicit_file_;
  bool isolated_;
  std::string cwd_;  // the working directory, for relative paths
  mutable std::mutex mutex_;
  mutable Lookups nearest_;  // directory → config path ("" none)
  mutable std::map<std::string, std::unique_ptr<LintConfig>> configs_;  // config path → merged
  // A file's directory as written (up to its last '/') → its configuration.
  mutable std::map<std::string, const LintConfig*, std::less<>> by_written_directory_;
  mutable std::vector<ConfigError> errors_;
  mutable std::vector<std::string> policies_;
  mutable std::vector<std::string> inline_policy_files_;
};

}  // namespace infralint
