// Fixing every real-world Dockerfile and Kubernetes manifest of the shared corpus with unsafe
// fixes: no rolled-back round, idempotent, the result parses, every comment line survives (and,
// for manifests, every finding lies inside its document and objects keep their order). Skips,
// saying so, when ../shared is absent. Reads the corpus only; never writes into it.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "core/document.hpp"
#include "engine/runner.hpp"
#include "fix/fixer.hpp"
#include "fixture_support.hpp"
#include "model/kubernetes_objects.hpp"
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

namespace {

// Kind/name of every object, in document order: fixes must neither drop nor reorder them.
std::vector<std::string> object_order(const Document& doc) {
  std::vector<std::string> out;
  if (const auto* stream = doc.tree<yaml::Stream>())
    for (const k8s::Object& o : k8s::objects_of(*stream)) out.push_back(o.describe());
  return out;
}

}  // namespace

TEST_CASE("corpus: Kubernetes manifests lint inside their documents and fix cleanly") {
  auto shared = testing::shared_dir();
  if (!shared) {
    MESSAGE("skipped: ../shared/corpus is absent");
    return;
  }
  FixOptions options{true, RuleSelection{}};
  std::size_t files = 0, changed = 0, findings = 0;
  for (const auto& entry : fs::recursive_directory_iterator(*shared / "corpus" / "kubernetes")) {
    if (!entry.is_regular_file()) continue;
    std::string path = entry.path().string();
    std::string text = testing::read_file(entry.path());
    if (detect_kind(entry.path().filename().string(), text) != Kind::kubernetes) continue;
    CAPTURE(path);
    ++files;
    Document original(path, text, Kind::kubernetes);
    std::vector<Finding> found = lint_document(original, RuleSelection{});
    findings += found.size();
    const auto* stream = original.tree<yaml::Stream>();
    REQUIRE(stream);
    for (const Finding& f : found) {
      CAPTURE(f.rule_id);
      CAPTURE(f.message);
      // Every finding lies inside one document: a span never crosses a `---`.
      bool inside = std::any_of(stream->documents.begin(), stream->documents.end(),
                                [&](const yaml::YamlDocument& d) {
                                  return f.span.begin >= d.span.begin && f.span.end <= d.span.end;
                                });
      CHECK_MESSAGE((inside || f.rule_id.starts_with("meta/")), "finding outside its document");
    }

    FixOutcome first = fix_text(path, Kind::kubernetes, text, options);
    CHECK_MESSAGE(first.problems.empty(), first.problems.front());
    changed += first.changed();
    if (!first.changed()) continue;
    FixOutcome second = fix_text(path, Kind::kubernetes, first.text, options);
    CHECK_MESSAGE(!second.changed(), "fixing twice changes the file again");

    Document reparsed(path, first.text, Kind::kubernetes);
    parse_document(reparsed);
    CHECK(reparsed.errors().size() <= original.errors().size());
    CHECK_MESSAGE(object_order(reparsed) == object_order(original), "objects lost or reordered");

    auto before = comment_lines(text);
    auto after = comment_lines(first.text);
    CHECK_MESSAGE(std::includes(after.begin(), after.end(), before.begin(), before.end()),
                  "a comment line was lost");
  }
  MESSAGE("linted " << files << " corpus Kubernetes files (" << findings << " findings), fixed "
                    << changed);
  CHECK(files > 100);
}
