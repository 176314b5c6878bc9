// The unsafe fix that splits a railway.toml's [[services]] into one railway.toml per service
// directory: the files it creates, the original kept as comments, and `fix --diff` showing
// the new files without writing anything.
#include <doctest/doctest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "fix/fixer.hpp"
#include "fixture_support.hpp"
#include "parse/document_parser.hpp"

namespace fs = std::filesystem;
using namespace infralint;
using infralint::testing::read_file;

namespace {

constexpr std::string_view kMultiService = R"(# Multi-service deployment
[build]
builder = "DOCKERFILE"

# Main API service
[[services]]
name = "api"
source = "backend/"
build.builder = "dockerfile"
build.dockerfilePath = "Dockerfile"
startCommand = "node server.js"

[services.variables]
NODE_ENV = "production"
JWT_SECRET = "${{JWT_SECRET}}"

[services.healthcheck]
path = "/health"
timeout = 30

[[services]]
name = "redis"
type = "redis"

[[services]]
name = "worker"
source = "workers/"
)";

struct TempStack {
  fs::path dir;
  TempStack() {
    dir = fs::temp_directory_path() / ("infralint-split-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "backend");
    std::ofstream(dir / "railway.toml") << kMultiService;
  }
  ~TempStack() { fs::remove_all(dir); }
  TempStack(const TempStack&) = delete;
  TempStack& operator=(const TempStack&) = delete;
};

std::string run(const std::string& cmd) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(cmd.c_str(), "r"), ::pclose);
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe.get()))
    out.append(buffer.data(), n);
  return out;
}

}  // namespace

TEST_CASE("railway split: one railway.toml per existing service directory") {
  TempStack stack;
  std::string path = (stack.dir / "railway.toml").string();
  FixOptions options{true, RuleSelection{{"railway/unknown-key"}, {}}};
  FixOutcome outcome = fix_text(path, Kind::railway, kMultiService, options);
  CHECK(outcome.problems.empty());
  REQUIRE(outcome.created.size() == 1);
  CHECK(outcome.created[0].path == (stack.dir / "backend" / "railway.toml").string());
  CHECK(outcome.created[0].text ==
        "# Railway config of service `api`, split from ../railway.toml by `infralint fix`.\n"
        "# Select it in the service's settings: \"Railway Config File\" = this file's path\n"
        "# from the repository root.\n"
        "# Variables to set in Railway (a config file cannot hold them): NODE_ENV, JWT_SECRET\n"
        "\n[build]\nbuilder = \"dockerfile\"\ndockerfilePath = \"Dockerfile\"\n"
        "\n[deploy]\nstartCommand = \"node server.js\"\nhealthcheckPath = \"/health\"\n"
        "healthcheckTimeout = 30\n");

  // The original keeps its base config and every line, the services commented out.
  CHECK(
      outcome.text.starts_with("# Multi-service deployment\n[build]\nbuilder = \"DOCKERFILE\"\n"
                               "\n# Main API service\n# infralint: Railway reads no "
                               "[[services]]; split into api -> backend/railway.toml; not "
                               "split: redis (no source directory), worker (workers/ does "
                               "not exist). Commented out below.\n# [[services]]\n"));
  CHECK(outcome.text.find("\n# [services.healthcheck]\n# path = \"/health\"\n") !=
        std::string::npos);
  CHECK(outcome.text.find("\n[[services]]") == std::string::npos);
  Document fixed(path, outcome.text, Kind::railway);
  parse_document(fixed);
  CHECK(fixed.errors().empty());

  // Fixing again changes nothing; the new file is itself a clean Railway config.
  FixOutcome again = fix_text(path, Kind::railway, outcome.text, options);
  CHECK_FALSE(again.changed());
  Document created(outcome.created[0].path, outcome.created[0].text, Kind::railway);
  parse_document(created);
  CHECK(created.errors().empty());
}

TEST_CASE("railway split: no file is created where a service already has its config") {
  TempStack stack;
  std::ofstream(stack.dir / "backend" / "railway.json") << "{}";
  std::string path = (stack.dir / "railway.toml").string();
  FixOptions options{true, RuleSelection{{"railway/unknown-key"}, {}}};
  FixOutcome outcome = fix_text(path, Kind::railway, kMultiService, options);
  CHECK(outcome.created.empty());
  CHECK(outcome.text == kMultiService);
}

TEST_CASE("railway split: `fix --unsafe-fixes --diff` shows the new file and writes nothing") {
  TempStack stack;
  std::string cmd = "'" + std::string(INFRALINT_BINARY) +
                    "' fix --unsafe-fixes --diff --select railway/unknown-key '" +
                    stack.dir.string() + "' 2>/dev/null";
  std::string out = run(cmd);
  std::string created = (stack.dir / "backend" / "railway.toml").string();
  CHECK(out.find("--- /dev/null\n+++ b/" + created + "\n@@ -0,0 +1,13 @@\n") != std::string::npos);
  CHECK(out.find("+[deploy]\n+startCommand = \"node server.js\"\n") != std::string::npos);
  CHECK(out.find("+# [[services]]\n") != std::string::npos);
  CHECK_FALSE(fs::exists(created));
  CHECK(read_file(stack.dir / "railway.toml") == kMultiService);

  std::string write = "'" + std::string(INFRALINT_BINARY) +
                      "' fix --unsafe-fixes --select railway/unknown-key '" + stack.dir.string() +
                      "' >/dev/null 2>&1";
  CHECK(std::system(write.c_str()) >= 0);
  CHECK(fs::exists(created));
  CHECK(read_file(stack.dir / "railway.toml").find("# [[services]]") != std::string::npos);
}

TEST_CASE("railway split: JSON output lists the files the fix would create") {
  TempStack stack;
  std::string cmd = "'" + std::string(INFRALINT_BINARY) +
                    "' check --format json --select railway/unknown-key '" +
                    (stack.dir / "railway.toml").string() + "' 2>/dev/null";
  auto report = nlohmann::json::parse(run(cmd));
  const auto& first = report["findings"][0];
  REQUIRE(first["fix"].contains("new_files"));
  CHECK(first["fix"]["new_files"][0]["path"] == "backend/railway.toml");
  CHECK(first["fix"]["applicability"] == "unsafe");
}
