// The configuration file, driven through the real binary: discovery, extends, selection,
// severities, per-file ignores, fail-on, rule options, profiles, and every mistake reported at
// its line and column.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "config/config_file.hpp"
#include "engine/lint_config.hpp"
#include "fixture_support.hpp"

namespace fs = std::filesystem;
using namespace infralint;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::TempDir;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// Runs infralint in `dir` with `args`; stdout and stderr together.
testing::ShellResult infralint_in(const fs::path& dir, const std::string& args) {
  return run_shell("cd " + shell_quote(dir.string()) + " && " + shell_quote(INFRALINT_BINARY) +
                   " " + args + " 2>&1");
}

// The rule ids of a JSON report's findings, in order.
std::vector<std::string> rule_ids(const std::string& json_text) {
  auto j = nlohmann::json::parse(json_text.substr(json_text.find('{')));
  std::vector<std::string> out;
  for (const auto& f : j["findings"]) out.push_back(f["rule"]);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

const char* kDockerfile = "FROM alpine:latest\nWORKDIR app\nRUN apt-get install -y curl\n";

}  // namespace

TEST_CASE("config: the nearest .infralint.yaml applies, extends inherits, --isolated reads none") {
  TempDir tmp;
  write(tmp.path / ".infralint.yaml", "ignore: [dockerfile/relative-workdir]\n");
  write(tmp.path / "a/Dockerfile", kDockerfile);
  write(tmp.path / "b/.infralint.yaml", "ignore: [dockerfile/base-image-latest]\n");
  write(tmp.path / "b/Dockerfile", kDockerfile);
  write(tmp.path / "c/.infralint.yaml", "extends: ../.infralint.yaml\nextend-select: []\n");
  write(tmp.path / "c/Dockerfile", kDockerfile);

  auto a = rule_ids(infralint_in(tmp.path, "check --format json a/Dockerfile").out);
  CHECK_FALSE(has(a, "dockerfile/relative-workdir"));
  CHECK(has(a, "dockerfile/base-image-latest"));
  // Nearest wins, without inheriting: b's file alone decides.
  auto b = rule_ids(infralint_in(tmp.path, "check --format json b/Dockerfile").out);
  CHECK(has(b, "dockerfile/relative-workdir"));
  CHECK_FALSE(has(b, "dockerfile/base-image-latest"));
  auto c = rule_ids(infralint_in(tmp.path, "check --format json c/Dockerfile").out);
  CHECK_FALSE(has(c, "dockerfile/relative-workdir"));
  auto isolated =
      rule_ids(infralint_in(tmp.path, "check --isolated --format json a/Dockerfile").out);
  CHECK(has(isolated, "dockerfile/relative-workdir"));
  // --config applies one file to everything.
  write(tmp.path / "only-latest.yaml", "select: [dockerfile/base-image-latest]\n");
  auto explicit_config = rule_ids(
      infralint_in(tmp.path, "check --config only-latest.yaml --format json b/Dockerfile").out);
  CHECK(explicit_config == std::vector<std::string>{"dockerfile/base-image-latest"});
}

TEST_CASE("config: the nearest configuration is found however the path is written") {
  TempDir tmp;
  write(tmp.path / "b/.infralint.yaml", "ignore: [dockerfile/base-image-latest]\n");
  write(tmp.path / "b/Dockerfile", kDockerfile);
  write(tmp.path / "a/Dockerfile", kDockerfile);
  fs::path absolute = fs::canonical(tmp.path);
  for (std::string written :
       {std::string("b/Dockerfile"), std::string("./b/Dockerfile"), std::string("a/../b/Dockerfile"),
        std::string("b//Dockerfile"), (absolute / "b/Dockerfile").string(),
        (absolute / "a/../b/./Dockerfile").string()}) {
    CAPTURE(written);
    auto ids = rule_ids(infralint_in(tmp.path / "a", "check --format json " +
                                                        shell_quote("../" + written)).out);
    if (written.front() == '/')
      ids = rule_ids(infralint_in(tmp.path, "check --format json " + shell_quote(written)).out);
    CHECK(has(ids, "dockerfile/relative-workdir"));
    CHECK_FALSE(has(ids, "dockerfile/base-image-latest"));
  }
  // A file beside no configuration, named through the configured directory, is not configured.
  auto a = rule_ids(infralint_in(tmp.path / "b", "check --format json ../a/Dockerfile").out);
  CHECK(has(a, "dockerfile/base-image-latest"));
}

TEST_CASE("config: select, extend-select, severity, per-file-ignores and fail-on") {
  TempDir tmp;
  write(tmp.path / ".infralint.yaml",
        "select: [DL3007]\n"
        "extend-select: [dockerfile/relative-workdir]\n"
        "severity:\n  dockerfile: info\n"
        "per-file-ignores:\n  \"legacy/**\": [all]\n"
        "fail-on: warning\n");
  write(tmp.path / "Dockerfile", kDockerfile);
  write(tmp.path / "legacy/old/Dockerfile", kDockerfile);
  auto r = infralint_in(tmp.path, "check --format json Dockerfile legacy/old/Dockerfile");
  CHECK(r.exit_code == 0);  // every finding is info now, below fail-on: warning
  auto j = nlohmann::json::parse(r.out.substr(r.out.find('{')));
  std::vector<std::string> ids;
  for (const auto& f : j["findings"]) {
    ids.push_back(f["rule"]);
    CHECK(f["severity"] == "info");
    CHECK(f["path"] == "Dockerfile");
  }
  CHECK(ids ==
        std::vector<std::string>{"dockerfile/base-image-latest", "dockerfile/relative-workdir"});
  // --fail-on on the command line wins over the file.
  CHECK(infralint_in(tmp.path, "check --fail-on info Dockerfile").exit_code == 1);
}

TEST_CASE("config: profiles choose the starting set") {
  TempDir tmp;
  write(tmp.path / "Dockerfile", kDockerfile);
  write(tmp.path / ".infralint.yaml", "profile: cis-docker\n");
  auto cis = rule_ids(infralint_in(tmp.path, "check --format json Dockerfile").out);
  CHECK_FALSE(cis.empty());
  CHECK_FALSE(has(cis, "dockerfile/relative-workdir"));  // no CIS item
  auto minimal =
      rule_ids(infralint_in(tmp.path, "check --profile minimal --format json Dockerfile").out);
  CHECK(has(minimal, "dockerfile/relative-workdir"));         // an error
  CHECK_FALSE(has(minimal, "dockerfile/base-image-latest"));  // a warning
  auto recommended =
      rule_ids(infralint_in(tmp.path, "check --profile recommended --format json Dockerfile").out);
  CHECK(has(recommended, "dockerfile/relative-workdir"));
}

TEST_CASE("config: every mistake is reported at its line and column, with a suggestion") {
  TempDir tmp;
  write(tmp.path / "Dockerfile", kDockerfile);
  write(tmp.path / ".infralint.yaml",
        "profile: recomended\n"
        "ignore:\n  - dockerfile/relative-workdr\n"
        "selct: [security]\n"
        "severity:\n  dockerfile: fatal\n"
        "rules:\n  dockerfile/relative-workdir:\n    colour: red\n"
        "settings:\n  kubernetes-version: latest\n");
  auto r = infralint_in(tmp.path, "check Dockerfile");
  CHECK(r.exit_code == 2);
  std::string cfg = (tmp.path / ".infralint.yaml").string();
  CHECK(r.out.find(cfg +
                   ":1:10: error: unknown profile `recomended` (did you mean `recommended`?)") !=
        std::string::npos);
  CHECK(r.out.find(cfg + ":3:5: error: `dockerfile/relative-workdr` matches no rule") !=
        std::string::npos);
  CHECK(r.out.find("did you mean `dockerfile/relative-workdir`?") != std::string::npos);
  CHECK(r.out.find(cfg + ":4:1: error: unknown key `selct`; did you mean `select`?") !=
        std::string::npos);
  CHECK(r.out.find(cfg +
                   ":6:15: error: the severity of `dockerfile` must be error, warning or info") !=
        std::string::npos);
  CHECK(r.out.find(cfg + ":9:5: error: rule `dockerfile/relative-workdir` has no options") !=
        std::string::npos);
  CHECK(r.out.find(cfg + ":11:23: error: setting `kubernetes-version` must be a version") !=
        std::string::npos);
  // The findings are still reported: a broken config does not hide the files.
  CHECK(r.out.find("dockerfile/base-image-latest") != std::string::npos);

  write(tmp.path / ".infralint.yaml", "ignore: [a\nselect: b\n");
  auto broken = infralint_in(tmp.path, "check Dockerfile");
  CHECK(broken.exit_code == 2);
  CHECK(broken.out.find(cfg + ":2:") != std::string::npos);
  CHECK(broken.out.find("not valid YAML") != std::string::npos);
  // fix never writes under a broken configuration.
  auto fix = infralint_in(tmp.path, "fix Dockerfile");
  CHECK(fix.exit_code == 2);
  CHECK(testing::read_file(tmp.path / "Dockerfile") == kDockerfile);
}

TEST_CASE("config: extends loops and unreadable files are errors, not hangs") {
  TempDir tmp;
  write(tmp.path / "Dockerfile", kDockerfile);
  write(tmp.path / ".infralint.yaml", "extends: other.yaml\n");
  write(tmp.path / "other.yaml", "extends: .infralint.yaml\n");
  auto r = infralint_in(tmp.path, "check Dockerfile");
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("`extends` loops back") != std::string::npos);
  auto missing = infralint_in(tmp.path, "check --config nowhere.yaml Dockerfile");
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.find("nowhere.yaml:1:1: error: cannot read the configuration file") !=
        std::string::npos);
}

TEST_CASE("config: rule options are typed and reach the rule") {
  std::vector<ConfigError> errors;
  // A rule that declares no options rejects them; the reader keeps reading.
  ConfigFile file = parse_config_text(
      "/x/.infralint.yaml", "rules:\n  DL3007:\n    anything: 1\nfail-on: error\n", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 3);
  CHECK(errors[0].column == 5);
  CHECK(file.fail_on == Severity::error);
  LintConfig config;
  apply_config_file(file, config);
  CHECK(config.fail_on == Severity::error);
}

TEST_CASE("config: a string option with a form rejects other values at their line") {
  std::vector<ConfigError> errors;
  ConfigFile file = parse_config_text(
      "/x/.infralint.yaml",
      "rules:\n  prometheus/alert-without-for:\n    for: 5 minutes\n", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 3);
  CHECK(errors[0].column == 10);
  CHECK(errors[0].message.find("a Prometheus duration such as 5m, not `5 minutes`") !=
        std::string::npos);
  CHECK_FALSE(file.rule_options["prometheus/alert-without-for"].has("for"));
  errors.clear();
  file = parse_config_text("/x/.infralint.yaml",
                           "rules:\n  prometheus/alert-without-for:\n    for: 10m\n", errors);
  CHECK(errors.empty());
  CHECK(file.rule_options["prometheus/alert-without-for"].string("for", "") == "10m");
  errors.clear();
  parse_config_text("/x/.infralint.yaml", "rules:\n  compose/ports-unquoted:\n    quote-type: back\n",
                    errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("`double` or `single`, not `back`") != std::string::npos);
}

TEST_CASE("config: per-file-ignore globs") {
  CHECK(glob_matches("legacy/**", "legacy/a/b/Dockerfile"));
  CHECK(glob_matches("**/*.yaml", "k8s/dev/app.yaml"));
  CHECK(glob_matches("**/*.yaml", "app.yaml"));
  CHECK(glob_matches("*.yaml", "deep/dir/app.yaml"));  // no slash: the file name anywhere
  CHECK(glob_matches("k8s/dev/*.yaml", "k8s/dev/app.yaml"));
  CHECK_FALSE(glob_matches("k8s/dev/*.yaml", "k8s/dev/sub/app.yaml"));
  CHECK(glob_matches("k8s/", "k8s/dev/app.yaml"));
  CHECK_FALSE(glob_matches("legacy/**", "src/legacy.yaml"));
  CHECK(glob_matches("Docker?ile", "Dockerfile"));
}

TEST_CASE("config: infralint init writes a starter the JSON Schema accepts, and never overwrites") {
  TempDir tmp;
  auto r = infralint_in(tmp.path, "init");
  REQUIRE(r.exit_code == 0);
  std::string starter = testing::read_file(tmp.path / ".infralint.yaml");
  CHECK(starter == starter_config());
  CHECK(infralint_in(tmp.path, "init").exit_code == 2);
  CHECK(testing::read_file(tmp.path / ".infralint.yaml") == starter);
  // The starter is valid for infralint itself...
  write(tmp.path / "Dockerfile", kDockerfile);
  CHECK(infralint_in(tmp.path, "check Dockerfile").out.find("error: ") == std::string::npos);
  // ...and for the schema editors use (python3-jsonschema, installed by setup).
  std::string schema =
      (testing::source_dir() / "integrations/schema/infralint.schema.json").string();
  std::string script =
      "import json,sys,yaml,jsonschema\n"
      "jsonschema.validate(yaml.safe_load(open(sys.argv[1])), json.load(open(sys.argv[2])))\n"
      "try:\n"
      "  jsonschema.validate({'profile': 'nope'}, json.load(open(sys.argv[2])))\n"
      "  sys.exit(3)\n"
      "except jsonschema.ValidationError:\n"
      "  print('rejected')\n";
  write(tmp.path / "validate.py", script);
  auto v = run_shell("python3 " + shell_quote((tmp.path / "validate.py").string()) + " " +
                     shell_quote((tmp.path / ".infralint.yaml").string()) + " " +
                     shell_quote(schema) + " 2>&1");
  CHECK_MESSAGE(v.exit_code == 0, v.out);
  CHECK(v.out == "rejected\n");
}

TEST_CASE("config: `policies:` loads policy files and policies written in place, before selection") {
  TempDir tmp;
  write(tmp.path / "Dockerfile", "FROM quay.io/acme/app:1.0\n");
  write(tmp.path / "policies/registry.yaml",
        "policies:\n  - id: image-from-quay\n    message: \"no quay\"\n    match:\n      image: {}\n"
        "    require:\n      path: registry\n      in: [docker.io]\n");
  write(tmp.path / ".infralint.yaml",
        "select: [policy/image-from-quay, policy/from-scratch-only]\n"
        "policies:\n"
        "  - policies/registry.yaml\n"
        "  - id: from-scratch-only\n    message: \"scratch only\"\n    match:\n      image: {}\n"
        "    require:\n      path: reference\n      equals: scratch\n");
  auto r = infralint_in(tmp.path, "check --format json Dockerfile");
  CHECK_MESSAGE(r.exit_code == 1, r.out);
  auto ids = rule_ids(r.out);
  CHECK(ids == std::vector<std::string>{"policy/from-scratch-only", "policy/image-from-quay"});
  // Ignoring one by its id in the file works because policies are rules before the file is read.
  write(tmp.path / ".infralint.yaml",
        "ignore: [policy/image-from-quay]\npolicies: [policies/registry.yaml]\n");
  auto ignored = infralint_in(tmp.path, "check --format json Dockerfile");
  CHECK_FALSE(has(rule_ids(ignored.out), "policy/image-from-quay"));
  CHECK(ignored.out.find("error:") == std::string::npos);
}
