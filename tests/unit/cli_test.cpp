// The CLI contract, driven through the real binary: exit codes, text and JSON shapes, bad
// input, stdin, parallel determinism, fix/diff and .gitignore.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "fixture_support.hpp"

namespace fs = std::filesystem;
using infralint::testing::fixtures_dir;
using infralint::testing::read_file;
using nlohmann::json;

namespace {

struct Result {
  int exit_code;
  std::string out;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs the infralint binary with `args` (already shell-quoted where needed), stdout captured.
Result run(const std::string& args, const std::string& prefix = "") {
  std::string cmd = prefix + quote(INFRALINT_BINARY) + " " + args;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::string out;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "infralint-test-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()));
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    for (auto& e : fs::recursive_directory_iterator(path, ec))
      fs::permissions(e.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
};

const std::string kBad = "FROM node:latest\nMAINTAINER me\nWORKDIR app\n";

}  // namespace

TEST_CASE("cli: text output has path:line:col, severity, rule, and a code frame") {
  TempDir dir;
  auto file = dir.write("Dockerfile", kBad);
  Result r = run("check --color never " + quote(file.string()));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(":1:6: warning[dockerfile/base-image-latest] ") != std::string::npos);
  CHECK(r.out.find("1 | FROM node:latest\n") != std::string::npos);
  CHECK(r.out.find("  |      ^^^^^^^^^^^\n") != std::string::npos);
  CHECK(r.out.find(":3:9: error[dockerfile/relative-workdir] ") != std::string::npos);
  CHECK(r.out.find("fix (safe): Replace MAINTAINER") != std::string::npos);
  CHECK(r.out.find("\033[") == std::string::npos);
}

TEST_CASE("cli: JSON output follows the contract") {
  TempDir dir;
  auto file = dir.write("Dockerfile", kBad);
  Result r = run("check --format json " + quote(file.string()));
  CHECK(r.exit_code == 1);
  json j = json::parse(r.out);
  CHECK(j["tool"]["name"] == "infralint");
  CHECK(j["tool"]["version"].is_string());
  CHECK(j["files_checked"] == 1);
  CHECK(j["errors"].empty());
  REQUIRE(j["findings"].size() >= 3);
  json latest;
  for (const auto& f : j["findings"])
    if (f["rule"] == "dockerfile/base-image-latest") latest = f;
  CHECK(latest["rule"] == "dockerfile/base-image-latest");
  CHECK(latest["severity"] == "warning");
  CHECK(latest["start"] == json{{"line", 1}, {"column", 6}, {"offset", 5}});
  CHECK(latest["end"] == json{{"line", 1}, {"column", 17}, {"offset", 16}});
  CHECK(latest["aliases"].size() >= 2);
  CHECK(latest["aliases"][0] == "hadolint:DL3007");
  CHECK(latest["categories"].size() >= 1);
  CHECK_FALSE(latest.contains("fix"));
  bool saw_fix = false;
  for (const auto& f : j["findings"]) {
    if (f["rule"] != "dockerfile/maintainer-deprecated") continue;
    saw_fix = true;
    CHECK(f["fix"]["applicability"] == "safe");
    CHECK(f["fix"]["edits"][0]["replacement"] == "LABEL maintainer=\"me\"");
    CHECK(f["fix"]["edits"][0]["start"]["line"] == 2);
  }
  CHECK(saw_fix);
}

TEST_CASE("cli: --fail-on decides the exit code") {
  TempDir dir;
  // Only the rules this test is about, so that new rules cannot change its outcome.
  std::string rules = "--select DL3007,DL3002,DL3025 ";
  auto file = dir.write("Dockerfile", "FROM node:latest\nUSER node\n");
  CHECK(run("check " + rules + quote(file.string())).exit_code == 1);
  CHECK(run("check --fail-on error " + rules + quote(file.string())).exit_code == 0);
  auto clean = dir.write("clean/Dockerfile", "FROM node:20-alpine\nUSER node\nCMD [\"node\"]\n");
  CHECK(run("check " + rules + quote(clean.string())).exit_code == 0);
}

TEST_CASE("cli: usage errors exit 2") {
  CHECK(run("check --no-such-flag 2>/dev/null").exit_code == 2);
  CHECK(run("check --format yaml . 2>/dev/null").exit_code == 2);
  CHECK(run("check --kind cobol . 2>/dev/null").exit_code == 2);
  CHECK(run("check --select no/such-rule . 2>/dev/null").exit_code == 2);
}

// main builds only the subcommand the command line names; help must still show everything.
TEST_CASE("cli: help lists every subcommand, and each subcommand's help its own options") {
  Result top = run("--help");
  CHECK(top.exit_code == 0);
  for (const char* name : {"check", "fix", "rules", "explain", "baseline", "report", "init",
                           "migrate", "merge", "lsp", "graph"})
    CHECK_MESSAGE(top.out.find(std::string("\n  ") + name + " ") != std::string::npos, name);
  Result check = run("check --help");
  CHECK(check.exit_code == 0);
  for (const char* option : {"--format", "--jobs", "--select", "--shard", "--add-suppressions"})
    CHECK_MESSAGE(check.out.find(option) != std::string::npos, option);
  CHECK(run("fix --help").out.find("--unsafe-fixes") != std::string::npos);
  CHECK(run("migrate railway --help").out.find("--project") != std::string::npos);
  CHECK(run("baseline create --help").out.find("--output") != std::string::npos);
  CHECK(run("graph --help").out.find("--nginx-prefix") != std::string::npos);
  // A subcommand's name after another is a path, as before.
  CHECK(run("check --no-cache --exit-zero fix 2>&1").out.find("fix: error: no such file") !=
        std::string::npos);
  CHECK(run("chek 2>/dev/null").exit_code == 2);
  // --version alone is answered before any subcommand is built; with others, by CLI11.
  Result version = run("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out == std::string("infralint ") + INFRALINT_VERSION + "\n");
  CHECK(run("--version --help").out.find("infralint") != std::string::npos);
}

TEST_CASE("cli: a missing path is an I/O error, and the other files are still linted") {
  TempDir dir;
  auto file = dir.write("Dockerfile", kBad);
  Result r = run("check --format json " + quote((dir.path / "missing").string()) + " " +
                 quote(file.string()));
  CHECK(r.exit_code == 2);
  json j = json::parse(r.out);
  REQUIRE(j["errors"].size() == 1);
  CHECK(j["errors"][0]["message"] == "no such file or directory");
  CHECK(j["files_checked"] == 1);
  CHECK(j["findings"].size() >= 3);
}

TEST_CASE("cli: binary, oversized and non-UTF-8 files get findings, not crashes") {
  TempDir dir;
  dir.write("binary/Dockerfile", std::string("FROM x\0\0\x01\x02", 10));
  dir.write("latin1/Dockerfile", "# Caf\xe9\nFROM alpine:3.20\nWORKDIR app\n");
  {
    std::ofstream big(dir.path / "big" / "Dockerfile", std::ios::binary);
  }
  fs::create_directories(dir.path / "big");
  {
    std::ofstream big(dir.path / "big" / "Dockerfile", std::ios::binary);
    std::string line = "RUN echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n";
    for (std::size_t written = 0; written < 50u * 1024 * 1024; written += line.size()) big << line;
  }
  dir.write("good/Dockerfile", kBad);
  Result r = run("check --format json " + quote(dir.path.string()));
  CHECK(r.exit_code == 1);
  json j = json::parse(r.out);
  CHECK(j["files_checked"] == 4);
  std::map<std::string, std::vector<std::string>> rules_by_file;
  for (const auto& f : j["findings"])
    rules_by_file[f["path"].get<std::string>()].push_back(f["rule"].get<std::string>());
  auto has = [&](const std::string& suffix, const std::string& rule) {
    for (auto& [path, rules] : rules_by_file)
      if (path.ends_with(suffix) && std::find(rules.begin(), rules.end(), rule) != rules.end())
        return true;
    return false;
  };
  CHECK(has("binary/Dockerfile", "meta/skipped-file"));
  CHECK(has("big/Dockerfile", "meta/skipped-file"));
  CHECK(has("latin1/Dockerfile", "meta/invalid-encoding"));
  CHECK(has("latin1/Dockerfile", "dockerfile/relative-workdir"));
  CHECK(has("good/Dockerfile", "dockerfile/maintainer-deprecated"));
}

TEST_CASE("cli: an unreadable directory is reported and the rest is linted") {
  TempDir dir;
  dir.write("ok/Dockerfile", kBad);
  dir.write("locked/Dockerfile", kBad);
  fs::permissions(dir.path / "locked", fs::perms::none);
  std::string prefix;
  if (::geteuid() == 0) {
    // root reads any directory: drop to nobody for this run, if the system can.
    if (std::system("command -v setpriv >/dev/null 2>&1") != 0) {
      MESSAGE("skipped: running as root without setpriv");
      return;
    }
    fs::permissions(dir.path, fs::perms::all, fs::perm_options::add);
    fs::permissions(dir.path / "ok", fs::perms::all, fs::perm_options::add);
    fs::permissions(dir.path / "ok" / "Dockerfile", fs::perms::all, fs::perm_options::add);
    prefix = "setpriv --reuid=nobody --regid=nogroup --clear-groups ";
  }
  Result r = run("check --format json " + quote(dir.path.string()), prefix);
  CHECK(r.exit_code == 2);
  json j = json::parse(r.out);
  REQUIRE(j["errors"].size() == 1);
  CHECK(j["errors"][0]["path"].get<std::string>().ends_with("locked"));
  CHECK(j["files_checked"] == 1);
}

TEST_CASE("cli: stdin with --stdin-filename, and --kind for an unusual name") {
  TempDir dir;
  auto file = dir.write("build.txt", kBad);
  Result r = run("check --format json --stdin-filename api/Dockerfile - < " + quote(file.string()));
  json j = json::parse(r.out);
  REQUIRE(j["findings"].size() >= 1);
  CHECK(j["findings"][0]["path"] == "api/Dockerfile");

  Result unknown = run("check --format json " + quote(file.string()) + " 2>/dev/null");
  CHECK(unknown.exit_code == 2);
  Result forced = run("check --format json --kind dockerfile " + quote(file.string()));
  CHECK(forced.exit_code == 1);
  CHECK(json::parse(forced.out)["findings"].size() >= 3);
}

TEST_CASE("cli: output is the same whatever the number of threads") {
  std::string target = quote(fixtures_dir().string());
  Result one = run("check --format json -j 1 " + target);
  Result many = run("check --format json -j 4 " + target);
  CHECK(one.exit_code == many.exit_code);
  CHECK(one.out == many.out);
  CHECK(json::parse(one.out)["files_checked"].get<int>() > 20);
}

TEST_CASE("cli: fix --diff writes nothing; fix writes atomically and keeps the mode") {
  TempDir dir;
  auto file = dir.write("Dockerfile", "FROM alpine:3.20\nADD app.tar.gz.txt /app/\nMAINTAINER me\n");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  std::string rules = "--select DL3020,DL4000,DL3002 ";
  Result diff = run("fix --diff " + rules + quote(file.string()) + " 2>/dev/null");
  CHECK(diff.exit_code == 1);
  CHECK(diff.out.find("-ADD app.tar.gz.txt /app/\n") != std::string::npos);
  CHECK(diff.out.find("+COPY app.tar.gz.txt /app/\n") != std::string::npos);
  CHECK(read_file(file) == "FROM alpine:3.20\nADD app.tar.gz.txt /app/\nMAINTAINER me\n");

  Result fixed = run("fix " + rules + quote(file.string()) + " 2>/dev/null");
  CHECK(read_file(file) ==
        "FROM alpine:3.20\nCOPY app.tar.gz.txt /app/\nLABEL maintainer=\"me\"\n");
  CHECK(fs::status(file).permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  // Only the unsafe root finding remains, a warning: exit 1 at the default threshold.
  CHECK(fixed.exit_code == 1);
  Result unsafe =
      run("fix --unsafe-fixes " + rules + quote(file.string()) + " 2>/dev/null");
  CHECK(unsafe.exit_code == 0);
  CHECK(read_file(file).ends_with("USER 10001:10001\n"));
  CHECK(run("fix --diff " + rules + quote(file.string()) + " 2>/dev/null").exit_code == 0);
}

TEST_CASE("cli: directories honour .gitignore, and skip .git and node_modules") {
  TempDir dir;
  dir.write(".gitignore", "ignored/\n");
  dir.write("app/Dockerfile", kBad);
  dir.write("ignored/Dockerfile", kBad);
  dir.write("node_modules/pkg/Dockerfile", kBad);
  REQUIRE(std::system(("git init -q " + quote(dir.path.string())).c_str()) == 0);
  json j = json::parse(run("check --format json " + quote(dir.path.string())).out);
  CHECK(j["files_checked"] == 1);
  for (const auto& f : j["findings"])
    CHECK(f["path"].get<std::string>().find("app/Dockerfile") != std::string::npos);
}

TEST_CASE("cli: a walk below the top of a work tree finds the repository above it") {
  TempDir dir;
  dir.write(".gitignore", "build/\n");
  dir.write("app/Dockerfile", kBad);
  dir.write("app/build/Dockerfile", kBad);
  REQUIRE(std::system(("git init -q " + quote(dir.path.string())).c_str()) == 0);
  json j = json::parse(run("check --format json " + quote((dir.path / "app").string())).out);
  CHECK(j["files_checked"] == 1);
  // Outside any work tree a .gitignore means nothing, as to git.
  std::filesystem::remove_all(dir.path / ".git");
  j = json::parse(run("check --format json " + quote((dir.path / "app").string())).out);
  CHECK(j["files_checked"] == 2);
}

TEST_CASE("cli: rules and explain come from the registry") {
  Result rules = run("rules --format json");
  CHECK(rules.exit_code == 0);
  json list = json::parse(rules.out);
  REQUIRE(list.size() >= 10);
  bool found = false;
  for (const auto& r : list) found = found || r["id"] == "dockerfile/add-instead-of-copy";
  CHECK(found);
  Result explain = run("explain DL3020");
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("# ADD used to copy local files (dockerfile/add-instead-of-copy)") == 0);
  CHECK(explain.out.find("## Why it matters") != std::string::npos);
  CHECK(run("explain nothing-like-it 2>/dev/null").exit_code == 2);
}

TEST_CASE("cli: the README's rule table is the registry's") {
  std::string readme = read_file(infralint::testing::source_dir() / "README.md");
  std::string begin = "<!-- rules:begin -->\n", end = "<!-- rules:end -->";
  auto b = readme.find(begin), e = readme.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  std::string table = readme.substr(b + begin.size(), e - b - begin.size());
  CHECK_MESSAGE(table == run("rules --format markdown").out,
                "README rule table is stale: run scripts/update-readme-rules.sh");
}

TEST_CASE("cli: hostile YAML gets a clear finding, never a crash, and other files are linted") {
  TempDir dir;
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'k'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev +
            ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n";
  }
  dir.write("bomb/compose.yaml", "services:\n  x:\n    image: a:1\n" + bomb);
  std::string deep = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\nspec: ";
  deep += std::string(10000, '[') + std::string(10000, ']') + "\n";
  dir.write("deep/pod.yaml", deep);
  dir.write("tabs/compose.yaml", "services:\n\tweb:\n\t\timage: nginx:1.27\n");
  dir.write("ok/Dockerfile", kBad);
  Result r = run("check --format json " + quote(dir.path.string()));
  CHECK(r.exit_code == 1);
  json j = json::parse(r.out);
  CHECK(j["files_checked"] == 4);
  std::map<std::string, std::string> syntax_messages;
  for (const auto& f : j["findings"])
    if (f["rule"] == "meta/syntax-error")
      syntax_messages[f["path"].get<std::string>()] += f["message"].get<std::string>() + "\n";
  auto message_for = [&](const std::string& suffix) {
    for (auto& [path, msg] : syntax_messages)
      if (path.ends_with(suffix)) return msg;
    return std::string();
  };
  CHECK(message_for("bomb/compose.yaml").find("alias") != std::string::npos);
  CHECK(message_for("deep/pod.yaml").find("nest") != std::string::npos);
  CHECK(message_for("tabs/compose.yaml").find("tab") != std::string::npos);
}

TEST_CASE("cli: repeated --select and paths after it are not confused") {
  TempDir dir;
  auto file = dir.write("Dockerfile", kBad);
  Result r = run("check --format json --select DL3000 --select DL4000 " + quote(file.string()));
  CHECK(r.exit_code == 1);
  json j = json::parse(r.out);
  REQUIRE(j["findings"].size() == 2);
  CHECK(j["findings"][0]["rule"] == "dockerfile/maintainer-deprecated");
  CHECK(j["findings"][1]["rule"] == "dockerfile/relative-workdir");
}

TEST_CASE("cli: hadolint pragmas and our suppressions hide findings") {
  TempDir dir;
  auto file = dir.write("Dockerfile",
                        "# hadolint global ignore=DL3007\n"
                        "FROM node:latest\n"
                        "# hadolint ignore=DL4000\n"
                        "MAINTAINER me\n"
                        "# infralint: ignore[dockerfile/relative-workdir] set by the base image\n"
                        "WORKDIR app\n"
                        "USER node\n");
  Result r = run("check --format json --select DL3007,DL4000,DL3000,meta/unused-suppression " +
                 quote(file.string()));
  json j = json::parse(r.out);
  for (const auto& f : j["findings"]) CHECK_MESSAGE(false, "not suppressed: " << f.dump());
  CHECK(r.exit_code == 0);
}

TEST_CASE("cli: --today makes end-of-life findings reproducible") {
  TempDir dir;
  auto file = dir.write("Dockerfile", "FROM node:18-alpine\n");
  std::string args = "check --format json --select dockerfile/end-of-life-base-image ";
  json before = json::parse(run(args + "--today 2024-06-01 " + quote(file.string())).out);
  CHECK(before["findings"].empty());
  json after = json::parse(run(args + "--today 2025-06-01 " + quote(file.string())).out);
  CHECK(after["findings"].size() == 1);
  CHECK(run(args + "--today 2025-13 " + quote(file.string()) + " 2>/dev/null").exit_code == 2);
}

TEST_CASE("cli: --nginx-version judges nginx files for that version, and wins over settings") {
  TempDir dir;
  auto file = dir.write("site/app.conf", "server {\n    listen 8443 ssl;\n    http2 on;\n}\n");
  std::string args = "check --format json --select nginx/http2-form-for-version ";
  json newest = json::parse(run(args + quote(file.string())).out);
  CHECK(newest["findings"].empty());
  json old = json::parse(run(args + "--nginx-version 1.24 " + quote(file.string())).out);
  REQUIRE(old["findings"].size() == 1);
  CHECK(old["findings"][0]["severity"] == "error");
  CHECK(old["findings"][0]["start"]["line"] == 3);
  dir.write("site/.infralint.yaml", "settings:\n  nginx-version: \"1.22\"\n");
  CHECK(json::parse(run(args + quote(file.string())).out)["findings"].size() == 1);
  json flag = json::parse(run(args + "--nginx-version 1.25.1 " + quote(file.string())).out);
  CHECK(flag["findings"].empty());
  CHECK(run(args + "--nginx-version latest " + quote(file.string()) + " 2>/dev/null").exit_code ==
        2);
}

TEST_CASE("cli: --nginx-prefix is where relative nginx includes resolve, and wins over settings") {
  TempDir dir;
  dir.write("prefix/conf/cache.conf", "open_file_cache max=1000 inactive=30s;\n");
  auto file = dir.write("sites/app.conf",
                        "events {}\nhttp {\n    include conf/cache.conf;\n    server {\n"
                        "        listen 8080;\n        location / {\n"
                        "            try_files $uri =404;\n        }\n    }\n}\n");
  std::string args = "check --format json --select nginx/try-files-without-open-file-cache ";
  // Without a prefix, conf/ is looked for beside the file and above it: not found.
  CHECK(json::parse(run(args + quote(file.string())).out)["findings"].size() == 1);
  std::string prefix = quote((dir.path / "prefix").string());
  CHECK(json::parse(run(args + "--nginx-prefix " + prefix + " " + quote(file.string())).out)
            ["findings"]
                .empty());
  // The setting is relative to the configuration file; the flag wins over it.
  dir.write("sites/.infralint.yaml", "settings:\n  nginx-prefix: ../prefix\n");
  CHECK(json::parse(run(args + quote(file.string())).out)["findings"].empty());
  std::string wrong = quote((dir.path / "sites").string());
  CHECK(json::parse(run(args + "--nginx-prefix " + wrong + " " + quote(file.string())).out)
            ["findings"]
                .size() == 1);
}

TEST_CASE("cli: findings in an included nginx file are reported at that file's own path") {
  TempDir dir;
  dir.write("nginx/nginx.conf", "events {}\nhttp {\n    include conf.d/*.conf;\n}\n");
  dir.write("nginx/conf.d/site.conf",
            "server {\n    listen 8080;\n    location /files/ {\n        root /srv;\n"
            "        autoindex on;\n    }\n}\n");
  json j = json::parse(run("check --format json --select nginx/autoindex-enabled " +
                           quote((dir.path / "nginx").string()))
                           .out);
  REQUIRE(j["findings"].size() == 1);
  const json& f = j["findings"][0];
  CHECK(f["path"].get<std::string>().ends_with("conf.d/site.conf"));
  CHECK(f["start"]["line"] == 5);
  CHECK(f["start"]["column"] == 9);
  CHECK(f["end"]["column"] == 22);
}
