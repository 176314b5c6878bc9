// The README's policy examples are the files under fixtures/policies/, and they find what their
// expected*.json say; policies behave as rules in the real binary (select, ignore, suppress,
// rules, explain, SARIF), and a broken policy file exits 2 with the others still run.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/runner.hpp"
#include "fixture_support.hpp"
#include "model/adapters.hpp"
#include "parse/detect.hpp"
#include "parse/document_parser.hpp"
#include "policy/policy.hpp"

namespace fs = std::filesystem;
using namespace infralint;
using infralint::testing::fixtures_dir;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;

namespace {

nlohmann::json lint_with(const std::vector<std::unique_ptr<Rule>>& rules, const fs::path& file,
                         Kind kind) {
  InputFile input;
  input.fs_path = input.path = file.string();
  input.kind = kind;
  input.named_explicitly = true;
  std::vector<InputError> errors;
  auto doc = load_document(input, 1 << 20, errors);
  REQUIRE(doc);
  // The rules are not registered (the Registry is shared by every test): run them here.
  parse_document(*doc);
  build_model(*doc);
  std::vector<Finding> findings;
  for (const auto& rule : rules) {
    if (!rule->applies_to(kind)) continue;
    FindingSink sink(rule->meta(), findings);
    rule->check(*doc, sink);
  }
  sort_findings(findings);
  nlohmann::json list = nlohmann::json::array();
  for (const Finding& f : findings) {
    Position a = doc->lines().position(f.span.begin), b = doc->lines().position(f.span.end);
    list.push_back({{"rule", std::string(f.rule_id)},
                    {"start", fmt::format("{}:{}", a.line, a.column)},
                    {"end", fmt::format("{}:{}", b.line, b.column)},
                    {"message", f.message}});
  }
  return list;
}

std::vector<fs::path> example_dirs() {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(fixtures_dir() / "policies"))
    if (entry.is_directory()) dirs.push_back(entry.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

}  // namespace

TEST_CASE("policy examples: each fixtures/policies/<name>/ finds what expected*.json says") {
  auto dirs = example_dirs();
  REQUIRE(dirs.size() >= 3);
  for (const fs::path& dir : dirs) {
    CAPTURE(dir);
    policy::PolicySet set;
    auto errors = policy::load_policy_file((dir / "policy.yaml").string(), set);
    for (const auto& e : errors) FAIL_CHECK(e.to_string());
    REQUIRE(!set.policies.empty());
    std::vector<std::unique_ptr<Rule>> rules;
    for (policy::Policy& p : set.policies) rules.push_back(policy::make_policy_rule(std::move(p)));
    std::size_t bad = 0, good = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::string name = entry.path().filename().string();
      bool is_bad = name.starts_with("bad"), is_good = name.starts_with("good");
      if (!is_bad && !is_good) continue;
      CAPTURE(name);
      Kind kind = detect_kind(name, read_file(entry.path()));
      REQUIRE(kind != Kind::unknown);
      nlohmann::json actual = lint_with(rules, entry.path(), kind);
      if (is_good) {
        ++good;
        CHECK_MESSAGE(actual.empty(), name << " should pass: " << actual.dump(2));
        continue;
      }
      ++bad;
      std::string rest = name.substr(3);
      fs::path expected_path = dir / ("expected" + rest.substr(0, rest.find('.')) + ".json");
      if (std::getenv("INFRALINT_UPDATE_EXPECTED"))
        std::ofstream(expected_path) << nlohmann::json{{"findings", actual}}.dump(2) << '\n';
      REQUIRE_MESSAGE(fs::exists(expected_path), "missing " << expected_path);
      auto expected = nlohmann::json::parse(read_file(expected_path));
      CHECK(!actual.empty());
      CHECK_MESSAGE(actual == expected["findings"],
                    "expected " << expected["findings"].dump(2) << "\nactual " << actual.dump(2));
    }
    CHECK(bad > 0);
    CHECK(good > 0);
  }
}

// README.md shows each example's policy under `<!-- policy-example: PATH -->`; the block must
// be the file, byte for byte, so the documentation cannot drift from what the tests run.
TEST_CASE("policy examples: the documented examples are the fixture files") {
  std::string readme = read_file(testing::source_dir() / "README.md");
  const std::string marker = "<!-- policy-example: ";
  std::set<std::string> shown;
  for (std::size_t at = readme.find(marker); at != std::string::npos;
       at = readme.find(marker, at + 1)) {
    std::size_t end = readme.find(" -->", at);
    REQUIRE(end != std::string::npos);
    std::string path = readme.substr(at + marker.size(), end - at - marker.size());
    CAPTURE(path);
    std::size_t open = readme.find("```yaml\n", end);
    REQUIRE(open != std::string::npos);
    open += 8;
    std::size_t close = readme.find("\n```\n", open);
    REQUIRE(close != std::string::npos);
    std::string block = readme.substr(open, close + 1 - open);
    CHECK_MESSAGE(block == read_file(testing::source_dir() / path),
                  "README block for " << path << " differs from the file");
    shown.insert(path);
  }
  for (const fs::path& dir : example_dirs())
    CHECK_MESSAGE(shown.count("fixtures/policies/" + dir.filename().string() + "/policy.yaml"),
                  "README shows no policy-example for " << dir);
}

namespace {

struct Cli {
  testing::TempDir tmp;
  fs::path policy = tmp.path / "policy.yaml";
  fs::path manifest = tmp.path / "deploy.yaml";
  Cli() {
    std::ofstream(policy) << R"Y(policies:
  - id: team-label
    title: Workloads carry a team label
    severity: error
    compliance: [ACME:1]
    match: {kubernetes: {kind: Deployment}}
    require: {path: metadata.labels.team, exists: true}
)Y";
    std::ofstream(manifest) << R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
)Y";
  }
  testing::ShellResult run(const std::string& args) const {
    return run_shell(shell_quote(INFRALINT_BINARY) + " " + args + " 2>&1");
  }
  std::string files() const { return shell_quote(manifest.string()); }
  std::string with_policy() const { return "--policy " + shell_quote(policy.string()); }
};

}  // namespace

TEST_CASE("policy cli: a policy is a rule: reported, selected, ignored, suppressed") {
  Cli cli;
  auto found = cli.run("check -q --format json " + cli.with_policy() + " " + cli.files());
  CHECK(found.exit_code == 1);
  auto json = nlohmann::json::parse(found.out);
  bool reported = false;
  for (const auto& f : json["findings"])
    if (f["rule"] == "policy/team-label") {
      reported = true;
      CHECK(f["start"]["line"] == 5);  // the `labels` key, where `team` is missing
      CHECK(f["severity"] == "error");
    }
  CHECK(reported);

  auto selected =
      cli.run("check -q " + cli.with_policy() + " --select policy/team-label " + cli.files());
  CHECK(selected.exit_code == 1);
  CHECK(selected.out.find("policy/team-label") != std::string::npos);
  auto by_domain = cli.run("check -q " + cli.with_policy() + " --select policy " + cli.files());
  CHECK(by_domain.out.find("policy/team-label") != std::string::npos);
  auto by_tag = cli.run("check -q " + cli.with_policy() + " --select ACME " + cli.files());
  CHECK(by_tag.out.find("policy/team-label") != std::string::npos);

  auto ignored = cli.run("check -q " + cli.with_policy() +
                         " --select policy --ignore policy/team-label " + cli.files());
  CHECK(ignored.exit_code == 0);
  CHECK(ignored.out.find("policy/team-label") == std::string::npos);

  std::string text = read_file(cli.manifest);
  std::ofstream(cli.manifest) << text.replace(
      text.find("  labels:"), 9, "  # infralint: ignore[policy/team-label] legacy\n  labels:");
  auto suppressed = cli.run("check -q " + cli.with_policy() + " --select policy " + cli.files());
  CHECK(suppressed.exit_code == 0);
  CHECK(suppressed.out.find("policy/team-label") == std::string::npos);

  auto unknown = cli.run("check -q --select policy/team-label " + cli.files());
  CHECK(unknown.exit_code == 2);  // without --policy, no such rule
}

TEST_CASE("policy cli: rules, explain and SARIF know the policy") {
  Cli cli;
  auto listed = cli.run("rules " + cli.with_policy());
  CHECK(listed.exit_code == 0);
  CHECK(listed.out.find("policy/team-label") != std::string::npos);
  auto explained = cli.run("explain policy/team-label " + cli.with_policy());
  CHECK(explained.exit_code == 0);
  CHECK(explained.out.find("# Workloads carry a team label (policy/team-label)") !=
        std::string::npos);
  CHECK(explained.out.find("require: {path: metadata.labels.team, exists: true}") !=
        std::string::npos);
  auto sarif = cli.run("check -q --format sarif " + cli.with_policy() + " " + cli.files());
  CHECK(sarif.out.find("\"id\": \"policy/team-label\"") != std::string::npos);
  CHECK(sarif.out.find("Workloads carry a team label") != std::string::npos);
}

TEST_CASE("policy cli: a broken policy exits 2 at its line, the other policies still run") {
  Cli cli;
  std::ofstream(cli.policy, std::ios::app) << R"Y(  - id: broken
    match: {kubernetes: {}}
    require: {path: metadata.labels.team, matches: '(oops'}
)Y";
  auto result = cli.run("check -q " + cli.with_policy() + " " + cli.files());
  CHECK(result.exit_code == 2);
  CHECK(result.out.find(cli.policy.string() + ":10:53: error: invalid regular expression") !=
        std::string::npos);
  CHECK(result.out.find("policy/team-label") != std::string::npos);
  auto missing = cli.run("check -q --policy /nonexistent/policy.yaml " + cli.files());
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.find("/nonexistent/policy.yaml:1:1: error: cannot read the policy file") !=
        std::string::npos);
  auto fixed = cli.run("fix " + cli.with_policy() + " --select policy " + cli.files());
  CHECK(fixed.exit_code == 2);  // the broken policy; the working one is only reported
}
