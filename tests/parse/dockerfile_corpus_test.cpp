// Real-world Dockerfiles that BuildKit accepts must parse without errors; templates must not
// crash the parser. The corpus lives outside the repository and may be absent.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "parse/dockerfile/ast.hpp"

namespace fs = std::filesystem;
using namespace infralint;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Corpus files that BuildKit itself rejects, so that errors are expected there.
const std::set<std::string> kRejectedByBuildKit = {
    // an intentionally broken fixture: `WRONG DOCKERFILE`
    "docker/compose/pkg/e2e/fixtures/wrong-composefile/service1/Dockerfile",
    // ends with a stray `~` line (an editor artefact): unknown instruction
    "bridgecrewio/checkov/tests/dockerfile/checks/example_UpdateNotAlone/failure/Dockerfile",
    // a jq template that generates the per-version Dockerfile.oracle files
    "docker-library/mysql/Dockerfile.oracle",
};

}  // namespace

TEST_CASE("dockerfile corpus: every Dockerfile BuildKit accepts parses without errors") {
  fs::path root = fs::path(INFRALINT_SHARED_DIR) / "corpus" / "dockerfile";
  if (!fs::is_directory(root)) {
    MESSAGE("skipped: corpus absent");
    return;
  }
  std::size_t files = 0, instructions = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string text = read_file(entry.path());
    std::vector<ParseError> errors;
    auto file = dockerfile::parse(text, errors);
    ++files;
    instructions += file->instructions.size();
    std::string relative = fs::relative(entry.path(), root).generic_string();
    if (kRejectedByBuildKit.count(relative)) {
      CHECK_MESSAGE(!errors.empty(), relative);
      continue;
    }
    for (const ParseError& e : errors)
      FAIL_CHECK(relative << " @" << e.span.begin << ": " << e.message);
    CHECK_MESSAGE(!file->stages.empty(), relative);
  }
  MESSAGE("parsed " << files << " corpus Dockerfiles, " << instructions << " instructions");
  CHECK(files > 0);
}

TEST_CASE("dockerfile corpus: templated Dockerfiles do not crash") {
  fs::path root = fs::path(INFRALINT_SHARED_DIR) / "corpus" / "templated" / "dockerfile";
  if (!fs::is_directory(root)) {
    MESSAGE("skipped: corpus absent");
    return;
  }
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string text = read_file(entry.path());
    std::vector<ParseError> errors;
    auto file = dockerfile::parse(text, errors);
    REQUIRE(file != nullptr);
    for (const ParseError& e : errors) {
      CHECK(e.span.begin <= e.span.end);
      CHECK(e.span.end <= text.size());
    }
    ++files;
  }
  MESSAGE("parsed " << files << " templated Dockerfiles");
}
