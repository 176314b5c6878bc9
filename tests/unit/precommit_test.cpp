// The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit (`try-repo`) in a
// throw-away git repository: they must fail on a bad Dockerfile, pass on a good one, and leave
// files of other formats alone.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "fixture_support.hpp"

namespace fs = std::filesystem;
using infralint::testing::source_dir;

namespace {

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct Ran {
  int exit_code;
  std::string out;
};

Ran shell(const std::string& cmd) {
  FILE* pipe = ::popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

struct Sandbox {
  fs::path root;
  Sandbox() {
    std::string tmpl = (fs::temp_directory_path() / "infralint-precommit-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()));
    root = tmpl;
    fs::create_directories(root / "repo");
  }
  ~Sandbox() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(root / "repo" / name) << text;
  }
  // pre-commit with its cache inside the sandbox and infralint from this build on PATH.
  Ran try_repo(const std::string& hook, const std::string& files) {
    std::string env = "cd " + quote((root / "repo").string()) +
                      " && export PRE_COMMIT_HOME=" + quote((root / "cache").string()) +
                      " GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t"
                      " GIT_COMMITTER_EMAIL=t@t PATH=" +
                      quote(fs::path(INFRALINT_BINARY).parent_path().string()) + ":\"$PATH\"";
    return shell(env + " && git init -q && git add -A && pre-commit try-repo " +
                 quote(source_dir().string()) + " " + hook + " --files " + files);
  }
};

}  // namespace

TEST_SUITE("interfaces") {

TEST_CASE("pre-commit hook fails on a bad Dockerfile and passes on a good one") {
  REQUIRE_MESSAGE(shell("pre-commit --version").exit_code == 0,
                  "pre-commit is missing: run scripts/setup.sh");
  {
    Sandbox box;
    box.write("Dockerfile", "FROM alpine:latest\nRUN apk add curl\n");
    box.write("notes.yaml", "just: some yaml\n");  // not ours: skipped, not an error
    Ran r = box.try_repo("infralint", "Dockerfile notes.yaml");
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
    Ran r = box.try_repo("infralint", "Dockerfile notes.yaml");
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Passed") != std::string::npos);
  }
}

TEST_CASE("pre-commit fix hook rewrites the file and fails, as fixer hooks do") {
  Sandbox box;
  box.write("Dockerfile", "FROM alpine:3.22\nRUN apk add curl=8.14.1-r2\n");
  Ran r = box.try_repo("infralint-fix", "Dockerfile");
  INFO(r.out);
  CHECK(r.exit_code == 1);
  std::ifstream in(box.root / "repo" / "Dockerfile");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("apk add --no-cache curl") != std::string::npos);
}

}  // TEST_SUITE
