#include "fixture_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <fstream>
#include <iterator>

namespace infralint::testing {

std::filesystem::path source_dir() { return INFRALINT_SOURCE_DIR; }
std::filesystem::path fixtures_dir() { return source_dir() / "fixtures"; }

std::optional<std::filesystem::path> shared_dir() {
  // The environment may point elsewhere (a worktree's ../shared is not the main checkout's).
  const char* env = std::getenv("INFRALINT_SHARED_DIR");
  std::filesystem::path p = env && *env ? env : INFRALINT_SHARED_DIR;
  std::error_code ec;
  if (std::filesystem::is_directory(p / "corpus", ec)) return p;
  return std::nullopt;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

ShellResult run_shell(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed: " + command);
  std::string out;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "infralint-test-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

}  // namespace infralint::testing
