// The CI integrations: the GitHub composite action (its YAML, and its shell steps run the way
// the runner runs them), the GitLab CI template and the pre-commit manifest's file pattern.
#include <doctest/doctest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "fixture_support.hpp"

namespace fs = std::filesystem;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::ShellResult;
using infralint::testing::source_dir;
using infralint::testing::TempDir;

namespace {

}  // namespace

TEST_SUITE("interfaces") {

TEST_CASE("GitHub action: a valid composite action whose run step reports and outputs") {
  fs::path dir = source_dir() / "integrations/github-action";
  YAML::Node action = YAML::LoadFile((dir / "action.yml").string());
  CHECK(!action["name"].as<std::string>().empty());
  CHECK(!action["description"].as<std::string>().empty());
  REQUIRE(action["runs"]["using"].as<std::string>() == "composite");
  bool uploads = false;
  for (const auto& step : action["runs"]["steps"]) {
    if (step["run"]) CHECK_MESSAGE(step["shell"], "a composite run step needs `shell`");
    if (step["uses"] && step["uses"].as<std::string>().rfind("github/codeql-action/upload-sarif", 0) == 0)
      uploads = step["with"]["sarif_file"].IsDefined();
  }
  CHECK(uploads);
  for (const char* script : {"build.sh", "run.sh"}) {
    fs::path p = dir / script;
    REQUIRE(fs::exists(p));
    CHECK((fs::status(p).permissions() & fs::perms::owner_exec) != fs::perms::none);
    CHECK(run_shell("bash -n " + shell_quote(p.string()) + " 2>&1").exit_code == 0);
  }

  // run.sh as the runner calls it: inputs in the environment, outputs to $GITHUB_OUTPUT.
  TempDir tmp;
  std::ofstream(tmp.path / "Dockerfile") << "FROM alpine:latest\n";
  fs::path output = tmp.path / "github_output";
  std::string env = "cd " + shell_quote(tmp.path.string()) + " && GITHUB_OUTPUT=" + shell_quote(output.string()) +
                    " GITHUB_ACTION_PATH=" + shell_quote(dir.string()) +
                    " INFRALINT_PATHS=Dockerfile INFRALINT_FAIL_ON=warning INFRALINT_ARGS='--ignore "
                    "dockerfile/missing-user' INFRALINT_SARIF=out.sarif PATH=" +
                    shell_quote(fs::path(INFRALINT_BINARY).parent_path().string()) + ":\"$PATH\" ";
  ShellResult r = run_shell(env + shell_quote((dir / "run.sh").string()) + " 2>/dev/null");
  CHECK(r.exit_code == 0);  // the step never fails itself: the upload must still run
  CHECK(r.out.find("::warning file=Dockerfile,line=1") != std::string::npos);
  std::string outputs = read_file(output);
  CHECK(outputs.find("exit-code=1\n") != std::string::npos);
  CHECK(outputs.find("sarif-file=out.sarif\n") != std::string::npos);
  auto sarif = nlohmann::json::parse(read_file(tmp.path / "out.sarif"));
  CHECK(sarif["runs"][0]["results"].size() >= 1);
  CHECK(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "Dockerfile");
}

TEST_CASE("GitLab template: the reports it declares are the ones it writes") {
  YAML::Node ci = YAML::LoadFile((source_dir() / "integrations/gitlab/infralint.gitlab-ci.yml").string());
  YAML::Node job = ci["infralint"];
  REQUIRE(job.IsMap());
  std::string codequality = job["artifacts"]["reports"]["codequality"].as<std::string>();
  std::string junit = job["artifacts"]["reports"]["junit"].as<std::string>();
  std::string script;
  for (const auto& line : job["script"]) script += line.as<std::string>() + "\n";
  CHECK(script.find("-o gitlab:" + codequality) != std::string::npos);
  CHECK(script.find("-o junit:" + junit) != std::string::npos);
  CHECK(job["artifacts"]["when"].as<std::string>() == "always");
}

TEST_CASE("pre-commit manifest: required fields, and a pattern that selects our files") {
  YAML::Node hooks = YAML::LoadFile((source_dir() / ".pre-commit-hooks.yaml").string());
  REQUIRE(hooks.IsSequence());
  std::set<std::string> ids;
  for (const auto& hook : hooks) {
    for (const char* key : {"id", "name", "entry", "language", "files"})
      CHECK_MESSAGE(hook[key], "hook field " << key);
    ids.insert(hook["id"].as<std::string>());
  }
  CHECK(ids == std::set<std::string>{"infralint", "infralint-fix"});
  // pre-commit matches `files` with Python's re.search: ask Python.
  std::string pattern = hooks[0]["files"].as<std::string>();
  std::string script =
      "import re,sys\np=re.compile(sys.argv[1])\nfor f in sys.argv[2:]: print(int(bool(p.search(f))), end='')";
  ShellResult r = run_shell("python3 -c " + shell_quote(script) + " " + shell_quote(pattern) +
                " Dockerfile api/Dockerfile.prod app.dockerfile Containerfile docker-compose.yml "
                "k8s/deploy.yaml nginx/nginx.conf conf.d/site.conf railway.toml railway.json "
                "monitoring/alerts.yml  README.md src/main.cpp package.json");
  CHECK(r.out == "11111111111000");
}

}  // TEST_SUITE
