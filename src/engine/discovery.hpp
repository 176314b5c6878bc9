#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/kind.hpp"

namespace infralint {

// A file to lint. `kind` is unknown when only its content can tell (a .yaml file found while
// walking a directory): the loader detects it after reading, once.
struct InputFile {
  std::string path;  // as shown in reports: relative to the working directory when below it
  std::string fs_path;
  Kind kind = Kind::unknown;
  bool from_stdin = false;
  bool named_explicitly = false;  // given on the command line rather than found in a directory
  // Seen to be a regular file and no symbolic link (the walk's directory entry, or lstat for a
  // named file): the stack need not ask again to resolve its path.
  bool not_a_link = false;
  // Not read, with this reason (a symbolic link leading out of the directory being checked):
  // the loader gives a skipped document when the kind is known.
  std::string skip_reason;
};

// A path that could not be read: reported, exit code 2, the other files still linted.
struct InputError {
  std::string path;
  std::string message;
};

struct DiscoveryOptions {
  std::optional<Kind> forced_kind;
  std::string stdin_filename = "<stdin>";
  // Files named on the command line whose format cannot be told are skipped quietly instead
  // of being an error: pre-commit and editors pass every YAML, JSON or .conf file they see.
  bool ignore_unknown = false;
  // Directory walks stop once this many files are found (0: no limit): an editor opening a
  // huge workspace must not walk all of it.
  std::size_t max_files = 0;
};

struct Discovery {
  std::vector<InputFile> files;  // sorted by path, no duplicates
  std::vector<InputError> errors;
  bool truncated = false;  // max_files was reached: some files were not looked at
};

// Expands the command line's paths: files as given, directories recursively (skipping .git,
// node_modules, vendor and what the enclosing git repository ignores), `-` for stdin.
Discovery discover(const std::vector<std::string>& paths, const DiscoveryOptions& options);

// The path as reports show it.
std::string display_path(const std::string& fs_path);
// The same, given the working directory (`paths::working_directory()`; "" when unknown).
std::string display_path(const std::string& fs_path, const std::string& cwd);

}  // namespace infralint
