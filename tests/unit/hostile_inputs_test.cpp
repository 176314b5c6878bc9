// Hostile inputs, each driven through the real binary on files made in a temporary directory:
// every one gives a clear message naming the file (with line:col where there is one), the other
// files are still checked, nothing hangs (each run is under `timeout`, exit 124 = hang), and the
// exit code is the documented one (0 clean, 1 findings, 2 I/O or usage error).
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "fix/file_writer.hpp"
#include "fixture_support.hpp"

namespace fs = std::filesystem;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::TempDir;
using nlohmann::json;

namespace {

// A companion file with one known finding: it must still be checked next to the hostile one.
const std::string kCompanionDockerfile = "FROM node:latest\n";

fs::path write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

struct Run {
  int exit_code;
  json report;      // the JSON report (null when stdout was not JSON)
  std::string err;  // stderr
  double seconds;
};

// `infralint <args> --format json`, under a 60 s timeout, stderr kept apart.
Run run(const TempDir& dir, const std::string& args) {
  fs::path err = dir.path / ".stderr";
  std::string cmd = "cd " + shell_quote(dir.path.string()) + " && timeout 60 " +
                    shell_quote(INFRALINT_BINARY) + " " + args + " 2>" +
                    shell_quote(err.string());
  auto start = std::chrono::steady_clock::now();
  auto r = run_shell(cmd);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Run out{r.exit_code, json(), read_file(err), seconds};
  out.report = json::parse(r.out, nullptr, false);
  if (out.report.is_discarded()) out.report = json();
  INFO("stdout: " << r.out.substr(0, 2000));
  INFO("stderr: " << out.err.substr(0, 2000));
  CHECK_MESSAGE(r.exit_code != 124, "infralint hung (killed by timeout)");
  return out;
}

Run check(const TempDir& dir, const std::string& args) {
  return run(dir, "check --format json --isolated " + args);
}

std::vector<json> findings_of(const Run& r, const std::string& rule, const std::string& path) {
  std::vector<json> out;
  if (!r.report.is_object()) return out;
  for (const json& f : r.report["findings"])
    if (f["rule"] == rule && (path.empty() || f["path"] == path)) out.push_back(f);
  return out;
}

std::string error_for(const Run& r, const std::string& path) {
  if (!r.report.is_object()) return {};
  for (const json& e : r.report["errors"])
    if (e["path"] == path) return e["message"].get<std::string>();
  return {};
}

// The findings on `path` (any rule) whose message contains `text`.
std::vector<json> findings_saying(const Run& r, const std::string& path, const std::string& text) {
  std::vector<json> out;
  if (!r.report.is_object()) return out;
  for (const json& f : r.report["findings"])
    if (f["path"] == path && f["message"].get<std::string>().find(text) != std::string::npos)
      out.push_back(f);
  return out;
}

// The companion was checked: its known finding is there.
void companion_checked(const Run& r) {
  REQUIRE(r.report.is_object());
  CHECK_MESSAGE(findings_of(r, "dockerfile/base-image-latest", "ok/Dockerfile").size() == 1,
                "the companion file was not checked");
}

void add_companion(const TempDir& dir) {
  write(dir.path / "ok" / "Dockerfile", kCompanionDockerfile);
}

}  // namespace

TEST_CASE("hostile: YAML alias bomb (billion laughs) is bounded") {
  TempDir dir;
  add_companion(dir);
  std::string bomb = "x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'k'; ++c)
    bomb += fmt::format("x-{}: &{} [*{},*{},*{},*{},*{},*{},*{},*{},*{}]\n", c, c, char(c - 1),
                        char(c - 1), char(c - 1), char(c - 1), char(c - 1), char(c - 1),
                        char(c - 1), char(c - 1), char(c - 1));
  bomb += "services:\n  web:\n    image: nginx:1.27\n    labels: *k\n";
  write(dir.path / "compose.yaml", bomb);
  Run r = check(dir, "compose.yaml ok");
  companion_checked(r);
  CHECK(r.exit_code <= 1);
  CHECK(r.seconds < 20);
}

TEST_CASE("hostile: 100 000-level nesting in YAML, nginx blocks and PromQL") {
  TempDir dir;
  add_companion(dir);
  const int n = 100000;
  write(dir.path / "flow" / "compose.yaml",
        "services:\n  web:\n    image: nginx:1.27\n    command: " + std::string(n, '[') +
            std::string(n, ']') + "\n");
  std::string block = "services:\n";
  for (int i = 0; i < 2000; ++i) block += std::string(2 + i, ' ') + "k" + std::to_string(i) + ":\n";
  write(dir.path / "block" / "compose.yaml", block);
  std::string nginx;
  for (int i = 0; i < n; ++i) nginx += "http {";
  write(dir.path / "nginx" / "nginx.conf", nginx + std::string(n, '}') + "\n");
  write(dir.path / "prom" / "rules.yml",
        "groups:\n  - name: g\n    rules:\n      - alert: Deep\n        expr: " +
            std::string(n, '(') + "up" + std::string(n, ')') +
            "\n        for: 5m\n        labels: {severity: page}\n"
            "        annotations: {summary: deep}\n");
  Run r = check(dir, "--kind prometheus-rules prom/rules.yml");
  auto deep = findings_saying(r, "prom/rules.yml", "nested too deeply");
  REQUIRE(!deep.empty());
  CHECK(deep[0]["start"]["line"] == 5);

  r = check(dir, ".");
  companion_checked(r);
  CHECK(r.exit_code == 1);
  for (const char* path : {"flow/compose.yaml", "nginx/nginx.conf"}) {
    CAPTURE(path);
    auto errors = findings_saying(r, path, "nest");
    REQUIRE(!errors.empty());
    CHECK(errors[0]["severity"] == "error");
    CHECK(errors[0]["start"]["line"].get<int>() >= 1);
  }
  CHECK(r.seconds < 30);
}

TEST_CASE("hostile: files over the size limit, a sparse 1 GB file, --max-file-size and config") {
  TempDir dir;
  add_companion(dir);
  std::string big = "FROM alpine:3.20\n";
  while (big.size() <= 10 * 1024 * 1024) big += "# " + std::string(100, 'x') + "\n";
  write(dir.path / "big" / "Dockerfile", big);
  write(dir.path / "sparse" / "Dockerfile", "");
  fs::resize_file(dir.path / "sparse" / "Dockerfile", std::uintmax_t{1} << 30);
  Run r = check(dir, ".");
  companion_checked(r);
  CHECK(r.exit_code == 1);
  auto big_found = findings_of(r, "meta/skipped-file", "big/Dockerfile");
  REQUIRE(big_found.size() == 1);
  CHECK(big_found[0]["message"].get<std::string>().find("over the 10.0 MiB limit") !=
        std::string::npos);
  auto sparse = findings_of(r, "meta/skipped-file", "sparse/Dockerfile");
  REQUIRE(sparse.size() == 1);
  CHECK(sparse[0]["message"].get<std::string>().find("1024.0 MiB") != std::string::npos);
  CHECK(r.seconds < 20);

  // The limit is configurable: on the command line and in the configuration file.
  r = check(dir, "--max-file-size 20000000 big");
  CHECK(findings_of(r, "meta/skipped-file", "big/Dockerfile").empty());
  write(dir.path / "cfg" / ".infralint.yaml", "settings:\n  max-file-size: 20000000\n");
  fs::copy_file(dir.path / "big" / "Dockerfile", dir.path / "cfg" / "Dockerfile");
  r = run(dir, "check --format json cfg");
  CHECK(findings_of(r, "meta/skipped-file", "cfg/Dockerfile").empty());
  write(dir.path / "small" / ".infralint.yaml", "settings:\n  max-file-size: 10\n");
  write(dir.path / "small" / "Dockerfile", kCompanionDockerfile);
  r = run(dir, "check --format json small");
  CHECK(findings_of(r, "meta/skipped-file", "small/Dockerfile").size() == 1);
  // The command line wins over the configuration.
  r = run(dir, "check --format json --max-file-size 1000 small");
  CHECK(findings_of(r, "meta/skipped-file", "small/Dockerfile").empty());
  write(dir.path / "bad" / ".infralint.yaml", "settings:\n  max-file-size: huge\n");
  r = run(dir, "check --format json bad");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("max-file-size") != std::string::npos);
}

TEST_CASE("hostile: binary files and NUL bytes are skipped with their offset, others checked") {
  TempDir dir;
  add_companion(dir);
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) & 0xFF);
  write(dir.path / "bin" / "Dockerfile", binary);
  write(dir.path / "nul" / "Dockerfile", std::string("FROM alpine:3.20\nRUN echo a\0b\n", 30));
  Run r = check(dir, ".");
  companion_checked(r);
  CHECK(r.exit_code == 1);
  auto bin = findings_of(r, "meta/skipped-file", "bin/Dockerfile");
  REQUIRE(bin.size() == 1);
  CHECK(bin[0]["message"].get<std::string>().find("binary content") != std::string::npos);
  auto nul = findings_of(r, "meta/skipped-file", "nul/Dockerfile");
  REQUIRE(nul.size() == 1);
  CHECK(nul[0]["message"].get<std::string>().find("line 2, column 11") != std::string::npos);
}

TEST_CASE("hostile: invalid UTF-8 in values and comments is reported at its byte, file linted") {
  TempDir dir;
  add_companion(dir);
  write(dir.path / "value" / "Dockerfile",
        "FROM alpine:3.20\nLABEL caf\xE9=\"cr\xE8me\"\nMAINTAINER me\n");
  write(dir.path / "comment" / "compose.yaml",
        "# caf\xE9 \xFF\xFE\nservices:\n  web:\n    image: nginx:latest\n");
  Run r = check(dir, ".");
  companion_checked(r);
  auto v = findings_of(r, "meta/invalid-encoding", "value/Dockerfile");
  REQUIRE(v.size() == 1);
  CHECK(v[0]["start"]["line"] == 2);
  CHECK(v[0]["start"]["column"] == 10);
  CHECK(!findings_of(r, "dockerfile/maintainer-deprecated", "value/Dockerfile").empty());
  auto c = findings_of(r, "meta/invalid-encoding", "comment/compose.yaml");
  REQUIRE(c.size() == 1);
  CHECK(c[0]["start"]["line"] == 1);
  CHECK(c[0]["start"]["column"] == 6);
  auto latest = findings_of(r, "container/image-latest-tag", "comment/compose.yaml");
  REQUIRE(!latest.empty());
  CHECK(latest[0]["start"]["line"] == 4);
}

TEST_CASE("hostile: CRLF line endings and a BOM keep spans exact") {
  TempDir dir;
  write(dir.path / "Dockerfile",
        "\xEF\xBB\xBF" "FROM node:latest\r\nMAINTAINER me\r\nWORKDIR app\r\n");
  write(dir.path / "compose.yaml",
        "\xEF\xBB\xBF" "services:\r\n  web:\r\n    image: nginx:latest\r\n");
  Run r = check(dir, ".");
  CHECK(r.exit_code == 1);
  auto latest = findings_of(r, "dockerfile/base-image-latest", "Dockerfile");
  REQUIRE(latest.size() == 1);
  CHECK(latest[0]["start"]["line"] == 1);
  CHECK(latest[0]["start"]["column"] == 6);
  CHECK(latest[0]["end"]["column"] == 17);
  auto workdir = findings_of(r, "dockerfile/relative-workdir", "Dockerfile");
  REQUIRE(workdir.size() == 1);
  CHECK(workdir[0]["start"]["line"] == 3);
  CHECK(workdir[0]["start"]["column"] == 9);
  CHECK(workdir[0]["end"]["column"] == 12);
  bool compose_found = false;
  for (const json& f : r.report["findings"])
    if (f["path"] == "compose.yaml" && f["start"]["line"] == 3) {
      compose_found = true;
      CHECK(f["start"]["column"].get<int>() >= 5);
      CHECK(f["end"]["line"] == 3);
    }
  CHECK(compose_found);
  CHECK(findings_of(r, "meta/syntax-error", "").empty());

  // Fixing keeps the BOM and every CRLF.
  r = run(dir, "fix --isolated Dockerfile");
  std::string fixed = read_file(dir.path / "Dockerfile");
  CHECK(fixed.starts_with("\xEF\xBB\xBF"));
  std::size_t lf = 0, crlf = 0;
  for (std::size_t i = 0; i < fixed.size(); ++i)
    if (fixed[i] == '\n') ++lf, crlf += i > 0 && fixed[i - 1] == '\r';
  CHECK(lf == crlf);
}

TEST_CASE("hostile: symlink loops and symlinks out of the tree") {
  TempDir dir;
  add_companion(dir);
  fs::create_directories(dir.path / "tree" / "sub");
  fs::create_directory_symlink("..", dir.path / "tree" / "sub" / "loop");
  fs::create_symlink("b", dir.path / "tree" / "a" );
  fs::create_symlink("a", dir.path / "tree" / "b");
  fs::create_symlink("Dockerfile.loop", dir.path / "tree" / "Dockerfile.loop");
  write(dir.path / "outside" / "Dockerfile", "FROM node:latest\n");
  fs::create_symlink("../../outside/Dockerfile", dir.path / "tree" / "sub" / "Dockerfile");
  write(dir.path / "tree" / "inside.Dockerfile", "FROM node:latest\n");
  fs::create_symlink("inside.Dockerfile", dir.path / "tree" / "Dockerfile");
  Run r = check(dir, "tree ok");
  companion_checked(r);
  // The link out of the tree is reported, not followed.
  auto out = findings_of(r, "meta/skipped-file", "tree/sub/Dockerfile");
  REQUIRE(out.size() == 1);
  CHECK(out[0]["message"].get<std::string>().find("outside") != std::string::npos);
  CHECK(findings_of(r, "dockerfile/base-image-latest", "tree/sub/Dockerfile").empty());
  // A link inside the tree is linted once, under its target's name.
  CHECK(findings_of(r, "dockerfile/base-image-latest", "tree/inside.Dockerfile").size() == 1);
  CHECK(findings_of(r, "dockerfile/base-image-latest", "tree/Dockerfile").empty());
  // A self-referencing link named on the command line is an error naming the loop.
  r = check(dir, "tree/Dockerfile.loop ok");
  companion_checked(r);
  CHECK(r.exit_code == 2);
  CHECK(error_for(r, "tree/Dockerfile.loop").find("symbolic link") != std::string::npos);
}

TEST_CASE("hostile: nginx include cycles, includes escaping the root and device files") {
  TempDir dir;
  add_companion(dir);
  write(dir.path / "cycle" / "nginx.conf", "events {}\nhttp {\n  include a.conf;\n}\n");
  write(dir.path / "cycle" / "a.conf", "include b.conf;\n");
  write(dir.path / "cycle" / "b.conf", "include a.conf;\n");
  write(dir.path / "escape" / "nginx.conf",
        "events {}\nhttp {\n  include ../outside/evil.conf;\n  include /dev/zero;\n"
        "  include /dev/stdin;\n}\n");
  write(dir.path / "outside" / "evil.conf", "server { listen 80; root /; autoindex on; }\n");
  Run r = check(dir, "cycle/nginx.conf escape/nginx.conf ok");
  companion_checked(r);
  auto cycle = findings_of(r, "meta/syntax-error", "cycle/nginx.conf");
  REQUIRE(cycle.size() == 1);
  CHECK(cycle[0]["message"].get<std::string>().find("include cycle") != std::string::npos);
  CHECK(cycle[0]["start"]["line"] == 3);
  auto escape = findings_of(r, "meta/syntax-error", "escape/nginx.conf");
  CHECK(escape.empty());
  // The escaping file was not read: nothing of it is linted.
  for (const json& f : r.report["findings"])
    CHECK(f["message"].get<std::string>().find("autoindex") == std::string::npos);
  CHECK(r.seconds < 20);
}

TEST_CASE("hostile: unreadable files and FIFOs are errors, the rest is checked") {
  TempDir dir;
  add_companion(dir);
  // A FIFO named like a Dockerfile: opening it would block forever.
  fs::create_directories(dir.path / "fifo");
  REQUIRE(::mkfifo((dir.path / "fifo" / "Dockerfile").string().c_str(), 0644) == 0);
  Run r = check(dir, "fifo/Dockerfile ok");
  companion_checked(r);
  CHECK(r.exit_code == 2);
  CHECK(error_for(r, "fifo/Dockerfile").find("not a regular file") != std::string::npos);
  // Found while walking a directory, a FIFO is passed over.
  r = check(dir, "fifo ok");
  companion_checked(r);
  CHECK(r.exit_code == 1);
  CHECK(r.report["errors"].empty());

  write(dir.path / "locked" / "Dockerfile", kCompanionDockerfile);
  fs::permissions(dir.path / "locked" / "Dockerfile", fs::perms::none);
  if (::geteuid() == 0) {
    // root reads any file whatever its mode: the FIFO above stands in for an unreadable file.
    MESSAGE("running as root: mode 000 does not stop reading; covered by the FIFO case");
  } else {
    r = check(dir, "locked ok");
    companion_checked(r);
    CHECK(r.exit_code == 2);
    CHECK(error_for(r, "locked/Dockerfile").find("permission denied") != std::string::npos);
  }
  fs::permissions(dir.path / "locked" / "Dockerfile", fs::perms::owner_all);
}

TEST_CASE("hostile: a file deleted or changed between read and fix is never overwritten") {
  // The fix command writes through write_file_if_unchanged; the race itself cannot be timed
  // from outside the process, so its two outcomes are driven here directly.
  TempDir dir;
  fs::path p = write(dir.path / "Dockerfile", "FROM node:latest\n");
  std::string read = read_file(p);
  write(p, "FROM node:20\n");  // changed by someone else after the read
  std::string why = infralint::write_file_if_unchanged(p.string(), read, "FIXED\n");
  CHECK(why.find("changed on disk") != std::string::npos);
  CHECK(read_file(p) == "FROM node:20\n");
  fs::remove(p);  // deleted after the read
  why = infralint::write_file_if_unchanged(p.string(), read, "FIXED\n");
  CHECK(!why.empty());
  CHECK(!fs::exists(p));

  // Through the binary: a fix through a symlink edits the target and keeps the link.
  write(dir.path / "real" / "Dockerfile", "FROM alpine:3.20\nMAINTAINER me\n");
  fs::create_directories(dir.path / "link");
  fs::create_symlink("../real/Dockerfile", dir.path / "link" / "Dockerfile");
  Run r = run(dir, "fix --isolated link/Dockerfile");
  CHECK(r.exit_code <= 1);
  CHECK(fs::is_symlink(dir.path / "link" / "Dockerfile"));
  CHECK(read_file(dir.path / "real" / "Dockerfile").find("MAINTAINER") == std::string::npos);
}
