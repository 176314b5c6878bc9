#include "config/config_set.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace infralint {
namespace {

namespace fs = std::filesystem;

std::string absolute_normal(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return (ec ? fs::path(path) : p).lexically_normal().string();
}

}  // namespace

ConfigSet::ConfigSet(CommandLineConfig command_line, std::optional<std::string> explicit_file,
                     bool isolated)
    : command_line_(std::move(command_line)), isolated_(isolated) {
  if (explicit_file) explicit_file_ = absolute_normal(*explicit_file);
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

std::string ConfigSet::nearest_config(const std::string& directory) const {
  auto known = nearest_.find(directory);
  if (known != nearest_.end()) return known->second;
  std::string found;
  std::error_code ec;
  for (const std::string& name : config_file_names()) {
    fs::path candidate = fs::path(directory) / name;
    if (fs::is_regular_file(candidate, ec)) {
      found = candidate.string();
      break;
    }
  }
  if (found.empty()) {
    fs::path parent = fs::path(directory).parent_path();
    if (!parent.empty() && parent != fs::path(directory)) found = nearest_config(parent.string());
  }
  nearest_[directory] = found;
  return found;
}

const LintConfig& ConfigSet::for_directory(const std::string& directory) const {
  std::lock_guard lock(mutex_);
  if (isolated_) return resolve("");
  if (explicit_file_) return resolve(*explicit_file_);
  return resolve(nearest_config(absolute_normal(directory)));
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
  fs::path parent = fs::path(absolute_normal(path)).parent_path();
  const LintConfig& config = for_directory(parent.string());
  std::lock_guard lock(mutex_);
  by_written_directory_.emplace(std::string(written_directory), &config);
  return config;
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
