#pragma once
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/dockerfile/ast.hpp"
#include "parse/dockerfile/variables.hpp"
#include "parse/shell/shell.hpp"

namespace infralint {

// What a package manager command in a RUN asks for. The rpm family (yum, dnf, microdnf,
// zypper) is read in detail; apt and apk only as far as the update/upgrade rules need
// (refresh, install, upgrade), since their install rules read them on their own.

enum class PackageTool { apt, apk, yum, dnf, microdnf, zypper };

enum class PackageAction {
  refresh_index,  // apt-get update, apk update, yum/dnf makecache, zypper refresh
  install,        // install, add, reinstall, and upgrades of named packages
  upgrade_all,    // upgrade every installed package (apt-get upgrade, apk upgrade, yum update)
  dist_upgrade,   // apt-get dist-upgrade/full-upgrade, zypper dist-upgrade, dnf distro-sync
  remove,
  clean,
  other,
};

struct PackageCommand {
  PackageTool tool;
  PackageAction action;
  const shell::Word* subcommand;  // `install` in `yum -y install x`; never null
  // `install` of `yum group install`, `dnf module install`: the word after subcommand
  const shell::Word* group_action = nullptr;
};

// The tool a command runs (by the basename of its name: `/usr/bin/dnf` is dnf; `apt`,
// `apt-get` and `aptitude` are apt; `tdnf` is dnf), and what it is asked to do. nullopt for
// other commands and for a tool without a subcommand.
std::optional<PackageCommand> read_package_command(const shell::Command& cmd);

// The operands after the subcommand (and after `group`/`module`'s own action): package names,
// files, groups. Options and their values are skipped.
std::vector<const shell::Word*> package_operands(const shell::Command& cmd,
                                                 const PackageCommand& pc);

// Whether the command answers its confirmation prompts: `-y`/`--assumeyes` for yum, dnf and
// microdnf; for zypper the global `-n`/`--non-interactive` before the subcommand, or
// `-y`/`--no-confirm` after it (`-n` after `install` means `--name`).
bool answers_prompts(const shell::Command& cmd, const PackageCommand& pc);

// Whether the subcommand may prompt for confirmation (install, remove, update, ...).
bool prompts_for_confirmation(const PackageCommand& pc);

// Whether the RUN mounts a cache or tmpfs at (or under, or above) `dir`, so that what the
// package manager caches there never reaches the image.
bool mounts_cache_over(const dockerfile::Instruction& run, std::string_view dir);

// Whether a command of `script` after offset `after` empties the cache `tool` leaves behind:
// its own `clean all` (`zypper clean`/`cc`), the equivalent of the same family (yum and dnf
// clean each other's cache on systems where one is the other), or an `rm` of the cache dir.
bool cleans_cache_after(const dockerfile::Instruction& run, PackageTool tool, std::size_t after);

// The first command of `run` that fills `tool`'s cache (an install or an upgrade) with no
// clean-up after it in the same RUN and no cache mount over the cache; nullptr when none.
const shell::Command* install_left_uncleaned(const dockerfile::Instruction& run, PackageTool tool);

// The cache directories `tool` fills on install, for messages and cache-mount checks.
std::vector<std::string_view> cache_dirs(PackageTool tool);

// A package named by a yum/dnf/microdnf `install` (or `module install`) or a zypper `install`,
// read for a version. Files, paths, URLs, groups, patterns, capabilities (`perl(Foo)`) and
// globs are not listed: they have no version to pin.
struct RpmPackage {
  const shell::Word* word = nullptr;
  std::string text;  // ARG/ENV expanded
  bool pinned = false;
};

// The packages an rpm-family install names, with `vars` resolving ARG/ENV; operands whose
// value is unknown are left out (rules say nothing about what they cannot see).
std::vector<RpmPackage> rpm_install_packages(const shell::Command& cmd, const PackageCommand& pc,
                                             const dockerfile::Variables& vars, char escape);

// An install (in a RUN, or one wrapped in ONBUILD) that names packages without a version.
struct UnpinnedInstall {
  const shell::Command* command = nullptr;
  PackageTool tool;
  std::vector<RpmPackage> packages;  // the unpinned ones, in order
};

// Every install by one of `tools` that leaves packages unpinned; ARG/ENV resolved per RUN.
std::vector<UnpinnedInstall> unpinned_installs(const dockerfile::File& file,
                                               std::initializer_list<PackageTool> tools);

// The installs by `tool`, in RUNs of stages that end up in the final image, whose cache is not
// cleaned after them in the same RUN (see install_left_uncleaned).
std::vector<const shell::Command*> uncleaned_installs_in_final_image(const dockerfile::File& file,
                                                                     PackageTool tool);

// Calls `visit` for every package manager command in the shell code of RUN instructions
// (those wrapped in ONBUILD included), in order.
void for_each_package_command(
    const dockerfile::File& file,
    const std::function<void(const dockerfile::Instruction&, const shell::Command&,
                             const PackageCommand&)>& visit);

std::string_view to_string(PackageTool tool);

// The command as a message names it: `dnf module install`, `tdnf install`, `yum remove`.
std::string describe(const shell::Command& cmd, const PackageCommand& pc);

// The span a finding on the command covers: from its name to its (group) subcommand.
Span command_span(const shell::Command& cmd, const PackageCommand& pc);

}  // namespace infralint
