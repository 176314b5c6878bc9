// Baselines and --add-suppressions, through the real binary: a baseline survives edits that
// move findings, reports only new ones, and lists entries that no longer match.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "fixture_support.hpp"

namespace fs = std::filesystem;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::TempDir;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

infralint::testing::ShellResult infralint_in(const fs::path& dir, const std::string& args) {
  return run_shell("cd " + shell_quote(dir.string()) + " && " + shell_quote(INFRALINT_BINARY) +
                   " " + args + " 2>&1");
}

std::vector<std::string> rule_ids(const std::string& out) {
  auto j = nlohmann::json::parse(out.substr(out.find('{')));
  std::vector<std::string> ids;
  for (const auto& f : j["findings"]) ids.push_back(f["rule"]);
  return ids;
}

const char* kCompose = R"(services:
  web:
    image: nginx:latest
    ports:
      - "8080:80"
)";

}  // namespace

TEST_CASE("baseline: survives lines inserted above, reports only new findings and stale entries") {
  TempDir tmp;
  write(tmp.path / "compose.yaml", kCompose);
  write(tmp.path / "Dockerfile", "FROM alpine:latest\nWORKDIR app\n");
  auto created = infralint_in(tmp.path, "baseline create --isolated .");
  REQUIRE_MESSAGE(created.exit_code == 0, created.out);
  auto baseline = nlohmann::json::parse(read_file(tmp.path / ".infralint-baseline.json"));
  REQUIRE(baseline["findings"].size() > 2);
  bool has_structural = false;
  for (const auto& e : baseline["findings"]) {
    CHECK(e["locator"].get<std::string>().find("line ") != 0);  // structure, not a line
    has_structural = has_structural || e["locator"] == "services.web.image";
  }
  CHECK(has_structural);
  CHECK(
      infralint_in(tmp.path, "check --isolated --baseline .infralint-baseline.json .").exit_code ==
      0);

  // Lines inserted above every finding, and re-indented YAML: still baselined.
  write(tmp.path / "compose.yaml",
        "# the web tier\nx-common: &common\n  restart: always\nservices:\n    web:\n"
        "        image: nginx:latest\n        ports:\n            - \"8080:80\"\n");
  write(tmp.path / "Dockerfile",
        "# syntax=docker/dockerfile:1\n\n# base\nFROM alpine:latest\n\nWORKDIR app\n");
  auto moved = infralint_in(tmp.path,
                            "check --isolated --format json --baseline .infralint-baseline.json .");
  CHECK_MESSAGE(rule_ids(moved.out).empty(), moved.out);

  // A new finding is reported; one fixed leaves a stale entry that is listed.
  write(tmp.path / "Dockerfile", "FROM alpine:latest\nWORKDIR /srv\nWORKDIR rel\n");
  auto changed = infralint_in(
      tmp.path, "check --isolated --format json --baseline .infralint-baseline.json Dockerfile");
  auto ids = rule_ids(changed.out);
  CHECK_MESSAGE(ids == std::vector<std::string>{"dockerfile/relative-workdir"}, changed.out);
  auto report = nlohmann::json::parse(changed.out.substr(changed.out.find('{')));
  CHECK(report["findings"][0]["start"]["line"] == 3);  // `rel`, the new one
  CHECK(changed.exit_code == 1);
  CHECK(changed.out.find("1 baseline entry matches no finding any more") != std::string::npos);
  CHECK(changed.out.find("Dockerfile dockerfile/relative-workdir stage 0 > WORKDIR#0") !=
        std::string::npos);

  // Not a baseline: exit 2 with the path.
  write(tmp.path / "not-a-baseline.json", "{\"findings\": 3}");
  auto bad = infralint_in(tmp.path, "check --baseline not-a-baseline.json Dockerfile");
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.find("not-a-baseline.json: not an infralint baseline") != std::string::npos);
}

TEST_CASE("add-suppressions: every finding gets a comment, and the files then pass") {
  TempDir tmp;
  write(tmp.path / "compose.yaml", kCompose);
  write(tmp.path / "Dockerfile",
        "FROM alpine:latest\nRUN apt-get update && \\\n    apt-get install -y curl\n");
  write(tmp.path / "app.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n"
        "  containers:\n    - name: web\n      image: nginx:latest\n"
        "      command:\n        - |\n          echo start\n");
  auto r = infralint_in(tmp.path, "check --isolated --add-suppressions='adopted 2026-11' .");
  REQUIRE_MESSAGE(r.exit_code == 0, r.out);
  CHECK(r.out.find("Added ") != std::string::npos);
  std::string dockerfile = read_file(tmp.path / "Dockerfile");
  // Above the instruction, never inside its continuation.
  CHECK(dockerfile.find("# infralint: ignore[") < dockerfile.find("RUN apt-get update"));
  CHECK(dockerfile.find("adopted 2026-11") != std::string::npos);
  std::string compose = read_file(tmp.path / "compose.yaml");
  CHECK(compose.find("    # infralint: ignore[") != std::string::npos);  // the line's indentation
  auto after = infralint_in(tmp.path, "check --isolated --format json .");
  CHECK_MESSAGE(rule_ids(after.out).empty(), after.out);
  CHECK(after.exit_code == 0);
}
