#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace infralint::testing {

std::filesystem::path source_dir();
std::filesystem::path fixtures_dir();
// ../shared next to the repository, when present (the corpus is optional).
std::optional<std::filesystem::path> shared_dir();
std::string read_file(const std::filesystem::path& p);

// The first of `problems`, or "": a CHECK_MESSAGE's message is also built when the check
// passes (`-s` logs every assertion), so it must not read past an empty list.
inline std::string first_or_empty(const std::vector<std::string>& problems) {
  return problems.empty() ? std::string() : problems.front();
}

// For tests that drive real programs through a shell.
std::string shell_quote(const std::string& s);
struct ShellResult {
  int exit_code;
  std::string out;  // stdout only; add 2>&1 to the command for stderr
};
ShellResult run_shell(const std::string& command);

// A fresh directory under the system temp directory, removed with everything in it.
struct TempDir {
  std::filesystem::path path;
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace infralint::testing
