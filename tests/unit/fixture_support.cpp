#include "fixture_support.hpp"

#include <cstdlib>
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

}  // namespace infralint::testing
