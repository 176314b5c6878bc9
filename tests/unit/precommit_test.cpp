// The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit (`try-repo`) in a
// throw-away git repository: they must fail on a bad Dockerfile, pass on a good one, and leave
// files of other formats alone.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fixture_support.hpp"

namespace fs = std::filesystem;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::ShellResult;
using infralint::testing::source_dir;
using infralint::testing::TempDir;

namespace {

struct Sandbox {
  TempDir dir;
  fs::path root = dir.path;
  Sandbox() { fs::create_directories(root / "repo"); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(root / "repo" / name) << text;
  }
  // pre-commit with its cache inside the sandbox and infralint from this build on PATH.
  ShellResult try_repo(const std::string& hook, const std::string& files) {
    std::string env = "cd " + shell_quote((root / "repo").string()) +
                      " && export PRE_COMMIT_HOME=" + shell_quote((root / "cache").string()) +
                      " GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t"
                      " GIT_COMMITTER_EMAIL=t@t PATH=" +
                      shell_quote(fs::path(INFRALINT_BINARY).parent_path().string()) + ":\"$PATH\"";
    return run_shell(env + " && git init -q && git add -A && pre-commit try-repo " +
                 shell_quote(source_dir().string()) + " " + hook + " --files " + files + " 2>&1");
  }
};

}  // namespace

TEST_SUITE("interfaces") {

TEST_CASE("pre-commit hook fails on a bad Dockerfile and passes on a good one") {
  REQUIRE_MESSAGE(run_shell("pre-commit --version 2>&1").exit_code == 0,
                  "pre-commit is missing: run scripts/setup.sh");
  {
    Sandbox box;
    box.write("Dockerfile", "FROM alpine:latest\nRUN apk add curl\n");
    box.write("notes.yaml", "just: some yaml\n");  // not ours: skipped, not an error
    ShellResult r = box.try_repo("infralint", "Dockerfile notes.yaml");
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("dockerfile/base-image-latest") != std::string::npos);
    CHECK(r.out.find("Failed") != std::string::npos);
  }
  {
    Sandbox box;
    box.write("Dockerfile",
              "FROM scratch\nCOPY app /app\nUSER 10001\nHEALTHCHECK CMD [\"/app\", \"health\"]\n"
              "CMD [\"/app\"]\n");
    box.write("notes.yaml", "just: some yaml\n");
    ShellResult r = box.try_repo("infralint", "Dockerfile notes.yaml");
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Passed") != std::string::npos);
  }
}

TEST_CASE("pre-commit fix hook rewrites the file and fails, as fixer hooks do") {
  Sandbox box;
  box.write("Dockerfile", "FROM alpine:3.22\nRUN apk add curl=8.14.1-r2\n");
  ShellResult r = box.try_repo("infralint-fix", "Dockerfile");
  INFO(r.out);
  CHECK(r.exit_code == 1);
  std::ifstream in(box.root / "repo" / "Dockerfile");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("apk add --no-cache curl") != std::string::npos);
}

}  // TEST_SUITE
