// Fixing every real-world Dockerfile of the shared corpus with unsafe fixes: no rolled-back
// round, idempotent, the result parses, and every comment line survives. Skips, saying so,
// when ../shared is absent. Reads the corpus only; never writes into it.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "core/document.hpp"
#include "fix/fixer.hpp"
#include "fixture_support.hpp"
#include "parse/detect.hpp"
#include "parse/document_parser.hpp"

namespace fs = std::filesystem;
using namespace infralint;

namespace {

std::vector<std::string> comment_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] == '#') out.push_back(line.substr(first));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("corpus: fixing every Dockerfile is idempotent, re-parses and keeps comments") {
  auto shared = testing::shared_dir();
  if (!shared) {
    MESSAGE("skipped: ../shared/corpus is absent");
    return;
  }
  FixOptions options{true, RuleSelection{}};
  std::size_t files = 0, changed = 0;
  for (const auto& entry : fs::recursive_directory_iterator(*shared / "corpus" / "dockerfile")) {
    if (!entry.is_regular_file()) continue;
    std::string path = entry.path().string();
    CAPTURE(path);
    std::string text = testing::read_file(entry.path());
    ++files;
    Document original(path, text, Kind::dockerfile);
    parse_document(original);

    FixOutcome first = fix_text(path, Kind::dockerfile, text, options);
    CHECK_MESSAGE(first.problems.empty(), first.problems.front());
    changed += first.changed();
    FixOutcome second = fix_text(path, Kind::dockerfile, first.text, options);
    CHECK_MESSAGE(!second.changed(), "fixing twice changes the file again");

    Document reparsed(path, first.text, Kind::dockerfile);
    parse_document(reparsed);
    CHECK(reparsed.errors().size() <= original.errors().size());

    auto before = comment_lines(text);
    auto after = comment_lines(first.text);
    CHECK_MESSAGE(std::includes(after.begin(), after.end(), before.begin(), before.end()),
                  "a comment line was lost");
  }
  MESSAGE("fixed " << changed << " of " << files << " corpus Dockerfiles");
  CHECK(files > 100);
}
