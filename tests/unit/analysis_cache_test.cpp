// The analysis cache (engine/analysis_cache): an entry gives back exactly what was stored, and a
// run that reuses entries reports exactly what a run without the cache reports — also after
// the files an analysis read besides its own (nginx includes, .dockerignore) or the date change.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/consulted.hpp"
#include "engine/analysis_cache.hpp"
#include "engine/discovery.hpp"
#include "engine/runner.hpp"
#include "fixture_support.hpp"
#include "model/stack/facts.hpp"
#include "parse/document_parser.hpp"

namespace fs = std::filesystem;
using namespace infralint;
using infralint::testing::first_or_empty;
using infralint::testing::fixtures_dir;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::TempDir;

namespace {

fs::path write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

struct Run {
  std::string out;  // the JSON report
  std::string err;
};

// `check -f json` through the real binary; the cache as `cache` says ("" for --no-cache).
Run check(const std::string& args, const fs::path& cache, const std::string& env = "") {
  TempDir scratch;
  fs::path err = scratch.path / "stderr";
  std::string cache_option =
      cache.empty() ? "--no-cache" : "--cache-dir " + shell_quote(cache.string());
  auto result = run_shell(env + " INFRALINT_CACHE_STATS=1 " + shell_quote(INFRALINT_BINARY) +
                          " check -f json --exit-zero " + cache_option + " " + args + " 2>" +
                          shell_quote(err.string()));
  return {result.out, read_file(err)};
}

std::size_t entries(const fs::path& cache) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(cache))
    if (e.is_regular_file() && !e.path().filename().string().starts_with(".")) ++n;
  return n;
}

}  // namespace

TEST_CASE("analysis cache: every fixture's analysis comes back from an entry field for field") {
  TempDir dir;
  AnalysisCache cache((dir.path / "cache").string(), "");
  Discovery found = discover({fixtures_dir().string()}, {});
  const LintConfig config;
  std::vector<std::string> problems;
  std::size_t documents = 0, with_facts = 0;
  for (const InputFile& input : found.files) {
    std::vector<InputError> errors;
    auto doc = load_document(input, kDefaultMaxFileSize, errors);
    if (!doc || !is_supported(doc->kind()) || !doc->skipped_reason().empty()) continue;
    CachedAnalysis analysis;
    {
      ConsultationLog log;
      analysis.findings = lint_document(*doc, config, false, &analysis.suppressions);
      analysis.facts = stack::extract_facts(*doc);
      analysis.consulted = log.take();
    }
    analysis.errors = doc->errors();
    analysis.locators = {{{0, 1}, "a locator"}};
    analysis.entities = {{"containers", 2}};
    ++documents;
    if (!analysis.facts.empty()) ++with_facts;
    std::string key = cache.key(*doc, input.fs_path, config, "test");
    cache.store(key, analysis);
    auto back = cache.load(key);
    if (!back)
      problems.push_back(input.path + ": stored, then not found");
    else if (!(*back == analysis))
      problems.push_back(input.path + ": came back different");
  }
  CHECK_MESSAGE(problems.empty(), first_or_empty(problems));
  CHECK(documents > 500);
  CHECK(with_facts > 100);
  CHECK(cache.write_problem().empty());
}

TEST_CASE("analysis cache: an entry is keyed by bytes, configuration and path") {
  TempDir dir;
  AnalysisCache cache((dir.path / "cache").string(), "");
  Document a("Dockerfile", "FROM alpine:3.19\n", Kind::dockerfile);
  Document b("Dockerfile", "FROM alpine:3.20\n", Kind::dockerfile);
  Document c("other/Dockerfile", "FROM alpine:3.19\n", Kind::dockerfile);
  LintConfig defaults, strict;
  strict.selection.profile = "strict";
  std::string key = cache.key(a, "Dockerfile", defaults, "x");
  CHECK(key == cache.key(a, "Dockerfile", defaults, "x"));
  CHECK(key != cache.key(b, "Dockerfile", defaults, "x"));
  CHECK(key != cache.key(c, "other/Dockerfile", defaults, "x"));
  CHECK(key != cache.key(a, "Dockerfile", strict, "x"));
  CHECK(key != cache.key(a, "Dockerfile", defaults, "y"));
  AnalysisCache salted((dir.path / "cache").string(), "a policy");
  CHECK(key != salted.key(a, "Dockerfile", defaults, "x"));
}

TEST_CASE("analysis cache: a damaged entry is a miss, never a crash or a wrong result") {
  TempDir dir;
  AnalysisCache cache((dir.path / "cache").string(), "");
  Document doc("Dockerfile", "FROM alpine\n", Kind::dockerfile);
  std::string key = cache.key(doc, "Dockerfile", LintConfig(), "x");
  CachedAnalysis analysis;
  analysis.findings.push_back({.rule_id = "dockerfile/base-image-untagged", .message = "m"});
  cache.store(key, analysis);
  REQUIRE(cache.load(key));
  fs::path entry;
  for (const auto& e : fs::recursive_directory_iterator(dir.path / "cache"))
    if (e.is_regular_file() && !e.path().filename().string().starts_with(".")) entry = e.path();
  REQUIRE(!entry.empty());
  std::string bytes = read_file(entry);
  for (std::size_t cut : {bytes.size() - 1, bytes.size() / 2, std::size_t{3}}) {
    write(entry, bytes.substr(0, cut));
    CHECK_FALSE(cache.load(key));
  }
  write(entry, bytes + "x");  // trailing garbage
  CHECK_FALSE(cache.load(key));
  std::string unknown_rule = bytes;
  auto at = unknown_rule.find("dockerfile/base-image-untagged");
  REQUIRE(at != std::string::npos);
  unknown_rule.replace(at, 10, "dockerfilX");  // the same length: only the id is wrong
  write(entry, unknown_rule);
  CHECK_FALSE(cache.load(key));
}

TEST_CASE("analysis cache: runs that reuse entries report what runs without the cache report") {
  TempDir dir;
  fs::path cache = dir.path / "cache";
  std::string paths = shell_quote(fixtures_dir().string());
  auto fresh = check(paths, "");
  auto cold = check(paths, cache);
  auto warm = check(paths, cache);
  REQUIRE(fresh.out.starts_with("{"));
  CHECK(cold.err.find("infralint: analysis cache: 0 reused") != std::string::npos);
  CHECK(warm.err.find(" 0 analysed") != std::string::npos);
  CHECK(cold.out == fresh.out);
  CHECK(warm.out == fresh.out);
  CHECK(entries(cache) > 500);
}

TEST_CASE("analysis cache: an entry is not reused once a file it read changed") {
  TempDir dir;
  fs::path cache = dir.path / "cache";
  fs::path project = dir.path / "project";
  fs::create_directories(project / ".git");  // a checkout: compose and Railway look beside

  // nginx: an included file, and the files a glob matches.
  write(project / "nginx" / "nginx.conf",
        "events {}\nhttp {\n    include conf.d/*.conf;\n}\n");
  write(project / "nginx" / "conf.d" / "a.conf", "server { listen 80; }\n");
  std::string nginx =
      "--select meta/syntax-error " + shell_quote((project / "nginx" / "nginx.conf").string());
  CHECK(check(nginx, cache).out.find("meta/syntax-error") == std::string::npos);
  write(project / "nginx" / "conf.d" / "a.conf", "server { listen 80 }\n");
  auto changed = check(nginx, cache);
  CHECK(changed.out.find("in included file") != std::string::npos);
  write(project / "nginx" / "conf.d" / "a.conf", "server { listen 80; }\n");
  CHECK(check(nginx, cache).out.find("meta/syntax-error") == std::string::npos);
  write(project / "nginx" / "conf.d" / "b.conf", "server { listen 81 }\n");
  CHECK(check(nginx, cache).out.find("b.conf") != std::string::npos);

  // A Dockerfile and its .dockerignore.
  write(project / "app" / "Dockerfile", "FROM python:3.12-slim\nCOPY app.py /app/\n");
  std::string docker = "--select dockerfile/copy-ignored-file " +
                       shell_quote((project / "app" / "Dockerfile").string());
  CHECK(check(docker, cache).out.find("copy-ignored-file") == std::string::npos);
  write(project / "app" / ".dockerignore", "*.py\n");
  CHECK(check(docker, cache).out.find("copy-ignored-file") != std::string::npos);

  // docker-compose.yml and the env_file it names.
  write(project / "docker-compose.yml", "services:\n  web:\n    image: nginx:1.25\n    env_file: web.env\n");
  std::string compose = "--select compose/env-file-not-found " +
                        shell_quote((project / "docker-compose.yml").string());
  CHECK(check(compose, cache).out.find("env-file-not-found") != std::string::npos);
  write(project / "web.env", "A=1\n");
  CHECK(check(compose, cache).out.find("env-file-not-found") == std::string::npos);
}

TEST_CASE("analysis cache: an entry that judged dates is reused only on the same date") {
  TempDir dir;
  fs::path cache = dir.path / "cache";
  fs::path file = write(dir.path / "Dockerfile",
                        "# infralint: ignore[dockerfile/base-image-untagged] until=2026-06-30 "
                        "the base is pinned by the registry\nFROM alpine\n");
  std::string args = "--select dockerfile/base-image-untagged,meta/expired-suppression " +
                     shell_quote(file.string());
  auto before = check(args, cache, "INFRALINT_TODAY=2026-06-01");
  CHECK(before.out.find("\"rule\": \"dockerfile/base-image-untagged\"") == std::string::npos);
  auto after = check(args, cache, "INFRALINT_TODAY=2026-07-01");
  CHECK(after.out.find("meta/expired-suppression") != std::string::npos);
  CHECK(after.out.find("dockerfile/base-image-untagged") != std::string::npos);
}

TEST_CASE("analysis cache: builds unused for a week lose their entries, nothing else does") {
  TempDir dir;
  fs::path root = dir.path / "cache";
  auto aged = [](const fs::path& p, int days) {
    write(p, "");
    fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(24 * days));
  };
  aged(root / "00000000000000aa" / ".used", 8);
  write(root / "00000000000000aa" / "ab" / "entry", "x");
  aged(root / "00000000000000bb" / ".used", 2);  // used two days ago: kept
  aged(root / "notes" / ".used", 30);            // not a build's directory: never removed
  { AnalysisCache cache(root.string(), ""); }
  CHECK_FALSE(fs::exists(root / "00000000000000aa"));
  CHECK(fs::exists(root / "00000000000000bb" / ".used"));
  CHECK(fs::exists(root / "notes" / ".used"));
  CHECK(fs::exists(root / ".pruned"));

  // At most once a day: a build that ages meanwhile waits for tomorrow's run.
  aged(root / "00000000000000cc" / ".used", 9);
  { AnalysisCache cache(root.string(), ""); }
  CHECK(fs::exists(root / "00000000000000cc"));
  aged(root / ".pruned", 2);
  { AnalysisCache cache(root.string(), ""); }
  CHECK_FALSE(fs::exists(root / "00000000000000cc"));
}
