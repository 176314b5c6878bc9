#include "config/config_set.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "core/paths.hpp"

namespace infralint {

using paths::absolute_normal;
using paths::parent_of;

ConfigSet::ConfigSet(CommandLineConfig command_line, std::optional<std::string> explicit_file,
                     bool isolated)
    : command_line_(std::move(command_line)), isolated_(isolated), cwd_(paths::working_directory()) {
  if (explicit_file) explicit_file_ = absolute_normal(*explicit_file, cwd_);
}

void ConfigSet::load_chain(const std::string& path, LintConfig& config,
                           std::vector<std::string>& visiting) const {
  if (std::find(visiting.begin(), visiting.end(), path) != visiting.end()) {
    errors_.push_back(
        {visiting.back(), 1, 1,
         fmt::format("`extends` loops back to {}: {}", path, fmt::join(visiting, " → "))});
    return;
  }
  visiting.push_back(path);
  ConfigFile file = read_config_file(path, errors_);
  for (const std::string& parent : file.extends) load_chain(parent, config, visiting);
  apply_config_file(file, config);
  if (file.inline_policies &&
      std::find(inline_policy_files_.begin(), inline_policy_files_.end(), path) ==
          inline_policy_files_.end())
    inline_policy_files_.push_back(path);
  for (const std::string& p : file.policies)
    if (std::find(policies_.begin(), policies_.end(), p) == policies_.end()) policies_.push_back(p);
  visiting.pop_back();
}

const LintConfig& ConfigSet::resolve(const std::string& config_path) const {
  auto& slot = configs_[config_path];
  if (slot) return *slot;
  slot = std::make_unique<LintConfig>();
  LintConfig& config = *slot;
  if (!config_path.empty()) {
    std::vector<std::string> visiting;
    load_chain(config_path, config, visiting);
  }
  const CommandLineConfig& cli = command_line_;
  if (!cli.profile.empty()) config.selection.profile = cli.profile;
  if (!cli.select.empty()) config.selection.select = cli.select;
  config.selection.extend_select.insert(config.selection.extend_select.end(),
                                        cli.extend_select.begin(), cli.extend_select.end());
  config.selection.ignore.insert(config.selection.ignore.end(), cli.ignore.begin(),
                                 cli.ignore.end());
  if (cli.fail_on) config.fail_on = cli.fail_on;
  config.keep_suppressed = cli.keep_suppressed;
  config.settings.merge_from(cli.settings);
  return config;
}

// `directory` is absolute and normal, so paths::parent_of finds its parents by cutting at
// slashes: building std::filesystem paths for every level was most of the time spent here.
std::string ConfigSet::nearest_config(const std::string& directory) const {
  std::vector<std::string> passed;
  std::string found;
  for (std::string dir = directory;;) {
    if (auto known = nearest_.find(dir); known != nearest_.end()) {
      found = known->second;
      break;
    }
    passed.push_back(dir);
    for (const std::string& name : config_file_names()) {
      std::string candidate = dir.ends_with('/') ? dir + name : dir + "/" + name;
      struct stat st;
      if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
        found = std::move(candidate);
        break;
      }
    }
    std::string parent = parent_of(dir);
    if (!found.empty() || parent.empty() || parent == dir) break;
    dir = std::move(parent);
  }
  for (const std::string& dir : passed) nearest_[dir] = found;
  return found;
}

const LintConfig& ConfigSet::for_normal_directory(const std::string& directory) const {
  std::lock_guard lock(mutex_);
  if (isolated_) return resolve("");
  if (explicit_file_) return resolve(*explicit_file_);
  return resolve(nearest_config(directory));
}

const LintConfig& ConfigSet::for_directory(const std::string& directory) const {
  return for_normal_directory(absolute_normal(directory, cwd_));
}

const LintConfig& ConfigSet::for_path(const std::string& path) const {
  // Files of one directory share a configuration, so it is looked up once per directory as
  // written: making every path absolute and normal was a twentieth of a run over many files.
  std::size_t slash = path.rfind('/');
  std::string_view written_directory =
      slash == std::string::npos ? std::string_view() : std::string_view(path).substr(0, slash + 1);
  {
    std::lock_guard lock(mutex_);
    auto known = by_written_directory_.find(written_directory);
    if (known != by_written_directory_.end()) return *known->second;
  }
  // The parent of an absolute, normal path is absolute and normal already.
  const LintConfig& config = for_normal_directory(parent_of(absolute_normal(path, cwd_)));
  std::lock_guard lock(mutex_);
  by_written_directory_.emplace(std::string(written_directory), &config);
  return config;
}

ConfigSet::Lookups ConfigSet::lookups() const {
  std::lock_guard lock(mutex_);
  return nearest_;
}

void ConfigSet::adopt_lookups(Lookups lookups) {
  std::lock_guard lock(mutex_);
  nearest_.merge(lookups);
}

std::vector<ConfigError> ConfigSet::errors() const {
  std::lock_guard lock(mutex_);
  return errors_;
}

std::vector<std::string> ConfigSet::files_with_inline_policies() const {
  std::lock_guard lock(mutex_);
  return inline_policy_files_;
}

std::vector<std::string> ConfigSet::policies() const {
  std::lock_guard lock(mutex_);
  return policies_;
}

}  // namespace infralint
