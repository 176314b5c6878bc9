// CI fleets (issue 15): `check --shard I/N` lints a deterministic part of the files, `merge`
// joins the shards' reports and runs the stack rules once — the result is the unsharded run's.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/runner.hpp"
#include "fixture_support.hpp"

using namespace infralint;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::source_dir;

namespace {

std::string binary() { return shell_quote(INFRALINT_BINARY); }

// Runs the whole check and N shards plus merge in `dir`; returns both JSON reports.
std::pair<nlohmann::json, nlohmann::json> full_and_merged(const std::string& dir, unsigned n,
                                                          const std::string& out_dir) {
  auto full = run_shell(binary() + " check --isolated -f json " + shell_quote(dir));
  std::string shards;
  std::size_t files = 0;
  for (unsigned i = 1; i <= n; ++i) {
    std::string report = out_dir + "/shard-" + std::to_string(i) + ".json";
    auto shard = run_shell(fmt::format("{} check --isolated --shard {}/{} -f json -o json:{} {} "
                                       ">/dev/null",
                                       binary(), i, n, shell_quote(report), shell_quote(dir)));
    CHECK(shard.exit_code != 2);
    auto j = nlohmann::json::parse(testing::read_file(report));
    CHECK(j["shard"]["index"] == i);
    CHECK(j["shard"]["count"] == n);
    files += j["files_checked"].get<std::size_t>();
    shards += " " + shell_quote(report);
  }
  auto merged = run_shell(binary() + " merge --isolated -f json" + shards);
  CHECK(merged.exit_code == full.exit_code);
  auto a = nlohmann::json::parse(full.out);
  auto b = nlohmann::json::parse(merged.out);
  CHECK(files == a["files_checked"].get<std::size_t>());  // each file in exactly one shard
  return {a, b};
}

}  // namespace

TEST_CASE("shard: the split is deterministic and covers every path exactly once") {
  std::size_t counts[3] = {0, 0, 0};
  for (int k = 0; k < 300; ++k) {
    std::string path = "dir/file-" + std::to_string(k) + ".yaml";
    int owners = 0;
    for (unsigned i = 1; i <= 3; ++i)
      if (in_shard(path, i, 3)) {
        ++owners;
        ++counts[i - 1];
      }
    CHECK(owners == 1);
  }
  for (std::size_t c : counts) CHECK(c > 60);  // roughly even: no shard starved
  CHECK(in_shard("k8s/all.yaml", 2, 3) == in_shard("k8s/all.yaml", 2, 3));
}

TEST_CASE("shard: three shards merged give the seed stack's unsharded findings, byte for byte") {
  testing::TempDir out;
  auto [full, merged] = full_and_merged((source_dir() / "fixtures/stacks/seed").string(), 3,
                                        out.path.string());
  CHECK(full["findings"].size() > 100);
  CHECK(merged["findings"] == full["findings"]);
  CHECK(merged["files_checked"] == full["files_checked"]);
  CHECK_FALSE(merged.contains("shard"));
}

TEST_CASE("shard: suppressions are judged by the part that runs their rules") {
  // A used suppression of a stack rule (its finding appears only at merge), an unused one of a
  // stack rule, and an unused one of a per-file rule: each reported once, as unsharded.
  testing::TempDir dir;
  run_shell("git init -q " + shell_quote(dir.path.string()));
  std::ofstream(dir.path / "docker-compose.yml") << "services:\n  api:\n    image: a/b:1\n"
                                                    "    expose: [\"8080\"]\n";
  std::ofstream(dir.path / "nginx.conf")
      << "events {}\nhttp {\n  server {\n    location / {\n"
         "      # infralint: ignore[stack/upstream-port-unpublished] migrating to 9000\n"
         "      proxy_pass http://api:9000;\n    }\n"
         "    location /b/ {\n"
         "      # infralint: ignore[stack/upstream-unknown-host] nothing to hide here\n"
         "      proxy_pass http://api:8080;\n    }\n"
         "    # infralint: ignore[nginx/if-is-evil] nothing to hide here either\n"
         "    location /c/ {\n      return 204;\n    }\n  }\n}\n";
  testing::TempDir out;
  for (unsigned n : {2u, 3u}) {
    CAPTURE(n);
    auto [full, merged] = full_and_merged(dir.path.string(), n, out.path.string());
    CHECK(merged["findings"] == full["findings"]);
    int unused = 0, port = 0;
    for (const auto& f : merged["findings"]) {
      unused += f["rule"] == "meta/unused-suppression";
      port += f["rule"] == "stack/upstream-port-unpublished";
    }
    CHECK(unused == 2);
    CHECK(port == 0);
  }
}

TEST_CASE("shard: merge refuses a missing, repeated or foreign shard") {
  testing::TempDir out;
  std::string seed = shell_quote((source_dir() / "fixtures/stacks/seed").string());
  std::string dir = out.path.string();
  for (unsigned i = 1; i <= 2; ++i)
    run_shell(fmt::format("{} check --isolated --shard {}/2 -f json {} > {}/s{}.json", binary(), i,
                          seed, dir, i));
  run_shell(fmt::format("{} check --isolated -f json {} > {}/whole.json", binary(), seed, dir));
  auto missing = run_shell(binary() + " merge --isolated " + dir + "/s1.json 2>&1");
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.find("missing shard 2/2") != std::string::npos);
  auto twice = run_shell(binary() + " merge --isolated " + dir + "/s1.json " + dir + "/s1.json 2>&1");
  CHECK(twice.exit_code == 2);
  CHECK(twice.out.find("given twice") != std::string::npos);
  auto whole = run_shell(binary() + " merge --isolated " + dir + "/whole.json 2>&1");
  CHECK(whole.exit_code == 2);
  CHECK(whole.out.find("not a shard's report") != std::string::npos);
  auto bad = run_shell(binary() + " check --isolated --shard 3/2 " + seed + " 2>&1");
  CHECK(bad.exit_code == 2);
}
