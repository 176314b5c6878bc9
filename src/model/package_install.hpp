#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/dockerfile/ast.hpp"
#include "parse/dockerfile/variables.hpp"
#include "parse/shell/shell.hpp"

namespace infralint {

// Package-manager invocations in RUN instructions: which packages they install and whether
// each names a version in that manager's syntax.

enum class PackageManager { apt, apk, pip, npm, gem, go };

// One package named on an install command line (local files, paths and URLs are not listed).
struct PackageOperand {
  const shell::Word* word = nullptr;  // as written
  std::string text;                   // the value, with ARG/ENV expanded when it used them
  bool pinned = false;                // names a version (or a range, or a VCS ref)
  bool moving_tag = false;            // names a tag that moves (`@latest`), not a version
};

struct PackageInstall {
  PackageManager manager = PackageManager::apt;
  const shell::Command* command = nullptr;
  const shell::Word* subcommand = nullptr;  // `install`, `add`, `ci`
  std::vector<PackageOperand> packages;
  // An operand could not be read: a variable without a known value, a variable holding a list,
  // a substitution or a glob. Rules say nothing about what they cannot see.
  bool unresolved = false;
  // Versions come from a file: `pip -r`/`-c`, `npm ci`, a lock file.
  bool versions_from_file = false;
};

// Reads `cmd` as a package installation: `apt-get install`, `apt install`, `apk add`,
// `pip install` (pip, pip3, pip3.12, python -m pip), `npm install|i|add|ci`,
// `gem install`, `go install`. `vars` resolves operands written with ARG/ENV variables.
std::optional<PackageInstall> read_package_install(const shell::Command& cmd,
                                                   const dockerfile::Variables& vars);

// The packages of `install` that name no version (moving tags such as `@latest` included).
std::vector<const PackageOperand*> unpinned_packages(const PackageInstall& install);

// `curl`, `curl and git`, `curl, git and 3 more`: names for a message.
std::string package_list(const std::vector<const PackageOperand*>& packages);

// The span from the first to the last of `packages` (not empty).
Span packages_span(const std::vector<const PackageOperand*>& packages);

// Calls `visit` for every installation by `manager` in the RUN instructions of `file` (those
// ONBUILD wraps included). `index` is the instruction's position in `file.instructions` (the
// ONBUILD's, for a wrapped RUN), for stage and variable look-ups.
void for_each_package_install(
    const dockerfile::File& file, PackageManager manager,
    const std::function<void(const dockerfile::Instruction& run, std::size_t index,
                             const PackageInstall&)>& visit);

// Paths below take `~/...` for "in the home directory of whoever runs the build": /root/...,
// /home/<user>/... and $HOME/... all match it.

// Whether `run` mounts a build cache (`--mount=type=cache,target=...`) on `path` or on a
// directory above it: what is written there never reaches the image.
bool has_cache_mount(const dockerfile::Instruction& run, std::string_view path);

// Whether a command of `run` deletes `path`, its content or a directory above it
// (`rm -rf /var/cache/apk/*`).
bool removes_path(const dockerfile::Instruction& run, std::string_view path);

// Whether `run` holds a command `name` whose first operand is `subcommand`
// (`yarn cache clean`, `pip cache purge`).
bool runs_subcommand(const dockerfile::Instruction& run, std::string_view name,
                     std::string_view subcommand, std::string_view then = {});


// Whether the instruction at `index` builds a stage whose layers end up in the final image.
bool in_final_image(const dockerfile::File& file, std::size_t index);

}  // namespace infralint
