#pragma once
#include <memory>

#include "cli/commands.hpp"
#include "config/config_set.hpp"
#include "engine/runner.hpp"

// What the subcommands that lint share (commands.cpp).
namespace infralint::cli {

// The configuration set of a run, with the command line's overrides; sets o.run.configs.
std::unique_ptr<ConfigSet> load_configs(CommonOptions& o);
// Resolves --kind, the default path and the policies; prints a usage error and returns false
// when invalid.
bool prepare(CommonOptions& o);
// Prints the mistakes in configuration files; true when there were any.
bool report_config_errors(const ConfigSet& configs);
// Writes a run's reports as `check` does (stdout's format and every `-o`; -o specs already
// validated) and returns the exit code.
int report_run(const CheckOptions& options, const RunResult& run, bool config_errors);

}  // namespace infralint::cli
