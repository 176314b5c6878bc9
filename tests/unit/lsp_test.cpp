// The language server (`infralint lsp`, src/lsp): position conversions and text sync in
// process; the protocol over real pipes (tests/lsp/lsp_pipe_test.py drives the real binary);
// a real editor (Debian's Neovim, headless, with integrations/neovim); and the VS Code
// extension's dependencies and types (integrations/vscode, compiled with tsc).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "fixture_support.hpp"
#include "lsp/document_store.hpp"
#include "lsp/positions.hpp"

namespace fs = std::filesystem;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::TempDir;
using namespace infralint::lsp;

namespace {

// "✓" is 3 UTF-8 bytes and 1 UTF-16 unit, "😀" 4 bytes and 2 units.
const std::string kPrefix = "RUN echo \"✓ 😀\" && ";
const std::string kDockerfile = "FROM alpine:3.20\n" + kPrefix + "apk add curl=8.5.0-r0\n";

}  // namespace

TEST_CASE("lsp positions: UTF-16 and UTF-8 columns of a line with non-ASCII text") {
  infralint::LineIndex lines(kDockerfile);
  std::size_t at = kDockerfile.find("apk add");
  PositionMapper utf16(kDockerfile, lines, Encoding::utf16);
  PositionMapper utf8(kDockerfile, lines, Encoding::utf8);
  CHECK(utf16.position(at).line == 1);
  CHECK(utf16.position(at).character == 19);
  CHECK(utf8.position(at).character == kPrefix.size());
  CHECK(utf16.offset({1, 19}) == at);
  CHECK(utf8.offset({1, kPrefix.size()}) == at);
  CHECK(utf16.offset({1, 999}) == kDockerfile.size() - 1);  // past the line: its end
  CHECK(utf16.offset({9, 0}) == kDockerfile.size());         // past the text: its end
  CHECK(utf8.offset({1, 11}) == 17 + 10);  // inside "✓": its first byte
}

TEST_CASE("lsp document store: incremental changes in UTF-16, then a full replacement") {
  DocumentStore store;
  store.open("file:///w/Dockerfile", "dockerfile", 1, kDockerfile);
  nlohmann::json changes = nlohmann::json::parse(R"([
    {"range": {"start": {"line": 1, "character": 19}, "end": {"line": 1, "character": 26}},
     "text": "apk add --no-cache"},
    {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}},
     "text": "USER 10001\n"}])");
  REQUIRE(store.change("file:///w/Dockerfile", 2, changes, Encoding::utf16));
  const OpenDocument* doc = store.find("file:///w/Dockerfile");
  REQUIRE(doc);
  CHECK(doc->version == 2);
  CHECK(doc->text == "FROM alpine:3.20\n" + kPrefix + "apk add --no-cache curl=8.5.0-r0\nUSER 10001\n");
  CHECK(doc->path == "/w/Dockerfile");
  CHECK(doc->kind() == infralint::Kind::dockerfile);
  REQUIRE(store.change("file:///w/Dockerfile", 3, nlohmann::json::parse(R"([{"text": "FROM x\n"}])"),
                       Encoding::utf16));
  CHECK(store.find("file:///w/Dockerfile")->text == "FROM x\n");
  CHECK(uri_to_path("file:///a%20b/c%23d") == "/a b/c#d");
  CHECK(path_to_uri("/a b/c#d") == "file:///a%20b/c%23d");
  CHECK(uri_to_path("untitled:Untitled-1").empty());
}

TEST_CASE("lsp: a client drives the real server over pipes (utf-16 and utf-8 sessions)") {
  auto result = run_shell("python3 " +
                          shell_quote(std::string(INFRALINT_SOURCE_DIR) + "/tests/lsp/lsp_pipe_test.py") +
                          " " + shell_quote(INFRALINT_BINARY) + " 2>&1");
  INFO(result.out);
  CHECK(result.exit_code == 0);
}

TEST_CASE("lsp: headless Neovim receives the diagnostics through integrations/neovim") {
  if (run_shell("command -v nvim >/dev/null 2>&1").exit_code != 0) {
    MESSAGE("skipped: nvim is not installed (scripts/setup.sh installs Debian's neovim)");
    return;
  }
  TempDir dir;
  fs::path file = dir.path / "Dockerfile";
  std::ofstream(file) << kDockerfile;
  fs::path out = dir.path / "diagnostics.tsv";
  std::string source = INFRALINT_SOURCE_DIR;
  auto result = run_shell(
      "cd " + shell_quote(dir.path.string()) + " && HOME=" + shell_quote(dir.path.string()) +
      " XDG_CONFIG_HOME=" + shell_quote((dir.path / "config").string()) +
      " XDG_DATA_HOME=" + shell_quote((dir.path / "data").string()) +
      " XDG_STATE_HOME=" + shell_quote((dir.path / "state").string()) +
      " INFRALINT_SOURCE=" + shell_quote(source) + " INFRALINT_BINARY=" +
      shell_quote(INFRALINT_BINARY) + " INFRALINT_NVIM_OUT=" + shell_quote(out.string()) +
      " timeout 30 nvim --headless -n -i NONE -u " +
      shell_quote(source + "/tests/lsp/neovim_init.lua") + " Dockerfile -c " +
      shell_quote("luafile " + source + "/tests/lsp/neovim_check.lua") + " 2>&1");
  INFO(result.out);
  REQUIRE(fs::exists(out));
  std::string got = read_file(out);
  INFO(got);
  CHECK(got.find("timeout") == std::string::npos);
  CHECK(got.find("clients\t1") != std::string::npos);
  // Neovim converts the server's UTF-16 column into a byte column: the prefix's byte length.
  CHECK(got.find("dockerfile/apk-missing-no-cache\t1\t" + std::to_string(kPrefix.size()) + "\n") !=
        std::string::npos);
}

TEST_SUITE("interfaces") {

TEST_CASE("VS Code extension: pinned dependencies install and the TypeScript compiles") {
  TempDir dir;
  fs::path source = fs::path(INFRALINT_SOURCE_DIR) / "integrations" / "vscode";
  for (const char* name : {"package.json", "package-lock.json", "tsconfig.json"})
    fs::copy_file(source / name, dir.path / name);
  fs::copy(source / "src", dir.path / "src", fs::copy_options::recursive);
  std::string cd = "cd " + shell_quote(dir.path.string()) + " && ";
  auto install = run_shell(cd + "npm ci --ignore-scripts --no-audit --no-fund 2>&1");
  if (install.exit_code != 0 &&
      (install.out.find("ENOTFOUND") != std::string::npos ||
       install.out.find("EAI_AGAIN") != std::string::npos ||
       install.out.find("ECONNREFUSED") != std::string::npos ||
       install.out.find("ETIMEDOUT") != std::string::npos)) {
    std::string note = "skipped: the npm registry is unreachable and the packages are not cached:\n" +
                       install.out;
    MESSAGE(note);
    return;
  }
  INFO(install.out);
  REQUIRE(install.exit_code == 0);
  auto compile = run_shell(cd + "./node_modules/.bin/tsc --noEmit -p . 2>&1");
  INFO(compile.out);
  CHECK(compile.exit_code == 0);
}

}  // TEST_SUITE
