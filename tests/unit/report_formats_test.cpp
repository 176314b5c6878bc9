// The machine-readable reports, checked against their real consumers: SARIF by Microsoft's
// SARIF validator (GitHub's rules included), JUnit and Checkstyle by Python's XML parser,
// GitLab against the Code Quality field list, GitHub workflow commands by their escaping rules.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "core/document.hpp"
#include "fixture_support.hpp"
#include "report/fingerprint.hpp"
#include "report/json_stream.hpp"
#include "report/report.hpp"
#include "report/uri.hpp"

namespace fs = std::filesystem;
using infralint::testing::fixtures_dir;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::ShellResult;
using infralint::testing::source_dir;
using infralint::testing::TempDir;
using nlohmann::json;

namespace {

// infralint run from the source directory, so that report paths are relative like in CI.
ShellResult run_infralint(const std::string& args) {
  return run_shell("cd " + shell_quote(source_dir().string()) + " && " + shell_quote(INFRALINT_BINARY) + " " +
               args + " 2>/dev/null");
}

// One document with hand-made findings, for the escaping and edge cases.
infralint::RunResult one_file(std::string path, std::string text,
                              std::vector<infralint::Finding> findings) {
  infralint::RunResult run;
  infralint::FileReport file;
  file.doc = std::make_unique<infralint::Document>(std::move(path), std::move(text),
                                                   infralint::Kind::dockerfile);
  file.findings = std::move(findings);
  run.files.push_back(std::move(file));
  return run;
}

infralint::Finding finding(std::string_view rule, std::size_t begin, std::size_t end,
                           std::string message) {
  infralint::Finding f;
  f.rule_id = rule;
  f.severity = infralint::Severity::warning;
  f.span = {begin, end};
  f.message = std::move(message);
  return f;
}

}  // namespace

TEST_SUITE("interfaces") {

TEST_CASE("line fingerprints follow GitHub's upload action") {
  using infralint::line_fingerprints;
  // Values of github/codeql-action's hash() for these inputs (computed with a BigInt port of
  // src/fingerprints.ts); they pin the multiplier, window, EOF marker and hex rendering.
  auto h = line_fingerprints("FROM alpine\nRUN true\n");
  REQUIRE(h.size() >= 2);
  CHECK(h[0] == "7108ed8ecd1c0dd5:1");
  CHECK(h[1] == "93719ade26353fee:1");
  // Spaces and tabs do not count; CRLF and CR are LF; equal lines are numbered.
  CHECK(line_fingerprints("a b\n")[0] == line_fingerprints("ab\n")[0]);
  CHECK(line_fingerprints("x\r\ny\r\n") == line_fingerprints("x\ny\n"));
  // The window runs on across lines: equal lines hash equal when the next 100 characters are
  // equal too, as in a long run of them.
  std::string run_of_x;
  for (int i = 0; i < 200; ++i) run_of_x += "x\n";
  auto same = line_fingerprints(run_of_x);
  CHECK(same[0].substr(0, same[0].find(':')) == same[2].substr(0, same[2].find(':')));
  CHECK(same[0].back() == '1');
  CHECK(same[2].back() != '1');
}

TEST_CASE("streamed JSON arrays are byte-identical to nlohmann's own dump") {
  using Json = nlohmann::ordered_json;
  std::vector<Json> items{{{"a", 1}, {"b", Json::array({1, 2})}}, {{"c", "x\ny"}}, Json::array()};
  for (std::size_t n : {0u, 1u, 3u}) {
    Json whole = {{"top", {{"inner", Json::array()}, {"after", true}}}};
    Json skeleton = whole;
    for (std::size_t i = 0; i < n; ++i) whole["top"]["inner"].push_back(items[i]);
    skeleton["top"]["inner"] = infralint::kStreamedArray;
    std::ostringstream streamed;
    infralint::dump_streaming(streamed, skeleton, n, [&](std::size_t i) { return items[i]; });
    CHECK(streamed.str() == whole.dump(2) + "\n");
  }
}

TEST_CASE("the JSON writer writes what nlohmann's dump writes for the same values") {
  using Json = nlohmann::ordered_json;
  using infralint::JsonWriter;
  // Every escape, a control character, DEL, UTF-8 and invalid UTF-8 (replaced, not an abort).
  std::vector<std::string> strings{"", "plain", "q\"b\\s/", "\b\t\n\f\r", std::string("\x01\x1f\x7f"),
                                   "caf\xC3\xA9 \xE2\x9C\x93", "bad \xC3 \xFF end"};
  Json expected = Json::array();
  std::string written;
  for (std::size_t depth : {1u, 3u}) {
    written.clear();
    JsonWriter w(written, depth);
    w.begin_array();
    expected = Json::array();
    for (const std::string& s : strings) {
      w.value(s);
      expected.push_back(s);
    }
    w.begin_object();
    w.end_object();
    expected.push_back(Json::object());
    w.begin_array();
    w.end_array();
    expected.push_back(Json::array());
    w.begin_object();
    w.member("n", std::uint64_t{18446744073709551615u});
    w.member("zero", std::uint64_t{0});
    w.member("yes", true);
    w.key("nested");
    w.begin_object();
    w.key("list");
    w.begin_array();
    w.value(std::string_view("x"));
    w.value(false);
    w.end_array();
    w.end_object();
    w.member("dom", Json{{"a", Json::array({1, "b"})}});
    // Objects of numbers in one append: after a key, in an array, empty, and too long for the
    // one append (the generic path).
    w.key("start");
    w.numbers_object({{"line", 3}, {"column", 1}, {"offset", 18446744073709551615u}});
    w.key("numbers");
    w.begin_array();
    w.numbers_object({{"a", 0}});
    w.numbers_object({});
    w.numbers_object({{std::string(300, 'k'), 7}, {std::string(300, 'l'), 8}});
    w.end_array();
    w.end_object();
    expected.push_back({{"n", 18446744073709551615u},
                        {"zero", 0u},
                        {"yes", true},
                        {"nested", {{"list", Json::array({"x", false})}}},
                        {"dom", {{"a", Json::array({1, "b"})}}},
                        {"start", {{"line", 3u}, {"column", 1u}, {"offset", 18446744073709551615u}}},
                        {"numbers", Json::array({Json{{"a", 0u}}, Json::object(),
                                                 Json{{std::string(300, 'k'), 7u},
                                                      {std::string(300, 'l'), 8u}}})}});
    w.end_array();
    // A value written at `depth` is dump(2) with every line after the first indented so.
    std::string want = expected.dump(2, ' ', false, Json::error_handler_t::replace);
    std::string indent(2 * depth, ' ');
    for (std::size_t at = want.find('\n'); at != std::string::npos; at = want.find('\n', at + 1))
      want.insert(at + 1, indent);
    CHECK(written == want);
  }
}

TEST_CASE("members rendered once read as if each object had written them") {
  using Json = nlohmann::ordered_json;
  using infralint::JsonWriter;
  for (std::size_t depth : {1u, 2u, 4u}) {
    CAPTURE(depth);
    std::string written;
    JsonWriter w(written, depth);
    w.begin_array();
    w.begin_object();  // inside an object: depth() is where its members go
    const std::string shared = JsonWriter::render_members(w.depth(), [](JsonWriter& m) {
      m.member("kind", "rule");
      m.key("aliases");
      m.begin_array();
      m.value("DL3008");
      m.value("a \"quoted\" id");
      m.end_array();
    });
    const std::string none = JsonWriter::render_members(w.depth(), [](JsonWriter&) {});
    CHECK(none.empty());
    w.end_object();
    for (int placement = 0; placement < 3; ++placement) {
      w.begin_object();
      if (placement != 0) w.member("before", std::uint64_t{1});
      w.members(none);
      w.members(shared);
      if (placement == 2) w.member("after", true);
      w.end_object();
    }
    w.end_array();

    Json rule_members = {{"kind", "rule"}, {"aliases", Json::array({"DL3008", "a \"quoted\" id"})}};
    Json first = rule_members;
    Json second = {{"before", 1u}};
    second.update(rule_members);
    Json third = second;
    third["after"] = true;
    Json expected = Json::array({Json::object(), first, second, third});
    std::string want = expected.dump(2);
    std::string indent(2 * depth, ' ');
    for (std::size_t at = want.find('\n'); at != std::string::npos; at = want.find('\n', at + 1))
      want.insert(at + 1, indent);
    CHECK(written == want);
  }
}

TEST_CASE("report paths are relative URI references inside the working directory") {
  using infralint::artifact_reference;
  CHECK(artifact_reference("api/Dockerfile", "/repo").uri == "api/Dockerfile");
  CHECK(artifact_reference("./api/Dockerfile", "/repo").relative);
  CHECK(artifact_reference("k8s/app deployment.yaml", "/repo").uri == "k8s/app%20deployment.yaml");
  CHECK(artifact_reference("/repo/a#b.conf", "/repo").uri == "a%23b.conf");
  auto outside = artifact_reference("../shared/x.yml", "/work/main");
  CHECK_FALSE(outside.relative);
  CHECK(outside.uri == "file:///work/shared/x.yml");
  CHECK(artifact_reference("caf\xC3\xA9/Dockerfile", "/r").uri == "caf%C3%A9/Dockerfile");
}

TEST_CASE("SARIF of every fixture and of the seed stack passes Microsoft's validator") {
  fs::path validator =
      source_dir() / "tests/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
  REQUIRE_MESSAGE(fs::exists(validator), "run scripts/setup.sh: the SARIF validator is missing");
  TempDir tmp;
  std::vector<fs::path> logs;
  auto emit = [&](const std::string& name, const std::string& args) {
    fs::path out = tmp.path / (name + ".sarif");
    ShellResult r = run_infralint("check --today 2026-01-01 " + args + " -o sarif:" + shell_quote(out.string()) +
                      " --format json");
    REQUIRE_MESSAGE(r.exit_code <= 1, name << ": exit " << r.exit_code);
    json log = json::parse(read_file(out));
    // Every finding of the JSON output is a result, in the same order.
    json findings = json::parse(r.out)["findings"];
    const json& results = log["runs"][0]["results"];
    REQUIRE(results.size() == findings.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
      CHECK(results[i]["ruleId"] == findings[i]["rule"]);
      const json& region = results[i]["locations"][0]["physicalLocation"]["region"];
      CHECK(region["startLine"] == findings[i]["start"]["line"]);
      // A skipped (binary, oversized) file has no text of ours to hash: the action hashes it.
      if (results[i]["ruleId"] != "meta/skipped-file")
        CHECK(results[i]["partialFingerprints"].contains("primaryLocationLineHash"));
      CHECK(log["runs"][0]["tool"]["driver"]["rules"][results[i]["ruleIndex"].get<int>()]["id"] ==
            results[i]["ruleId"]);
    }
    logs.push_back(out);
  };
  emit("fixtures", "fixtures --ignore meta/unused-suppression");
  emit("seed", "fixtures/stacks/seed");
  emit("suppressed", "--include-suppressed fixtures/container");

  std::string files;
  for (const auto& l : logs) files += " " + shell_quote(l.string());
  fs::path verdict = tmp.path / "validation.sarif";
  ShellResult v = run_shell(shell_quote(validator.string()) + " validate --rule-kind \"Sarif;Gh\" -o " +
                shell_quote(verdict.string()) + files + " 2>&1");
  INFO(v.out);
  REQUIRE(v.exit_code == 0);
  json report = json::parse(read_file(verdict));
  std::vector<std::string> problems;
  for (const json& r : report["runs"][0]["results"]) {
    std::string level = r.value("level", "warning");
    if (level == "error" || level == "warning")
      problems.push_back(r["ruleId"].get<std::string>() + " " + r["message"].dump());
  }
  for (const auto& p : problems) MESSAGE(p);
  CHECK(problems.empty());
}

TEST_CASE("SARIF: fixes, suppressions, related locations and notifications") {
  TempDir tmp;
  fs::path file = tmp.path / "Dockerfile";
  std::ofstream(file) << "FROM alpine:latest\n# infralint: ignore[dockerfile/base-image-latest] ok\n"
                         "FROM debian:latest AS b\n";
  fs::path missing = tmp.path / "nope";
  ShellResult r = run_infralint("check --format sarif --include-suppressed " + shell_quote(file.string()) + " " +
                    shell_quote(missing.string()));
  CHECK(r.exit_code == 2);
  json run = json::parse(r.out)["runs"][0];
  CHECK(run["columnKind"] == "utf16CodeUnits");
  CHECK(run["invocations"][0]["exitCode"] == 2);
  CHECK(run["invocations"][0]["executionSuccessful"] == false);
  CHECK(run["invocations"][0]["toolExecutionNotifications"].size() == 1);
  bool suppressed = false, fixed = false;
  for (const json& result : run["results"]) {
    if (result.contains("suppressions")) suppressed = true;
    if (result.contains("fixes")) {
      fixed = true;
      const json& change = result["fixes"][0]["artifactChanges"][0];
      CHECK(change["replacements"][0].contains("deletedRegion"));
    }
  }
  CHECK(suppressed);
  CHECK(fixed);
  // Without --include-suppressed the suppressed finding is not a result at all.
  json plain = json::parse(run_infralint("check --format sarif " + shell_quote(file.string())).out);
  for (const json& result : plain["runs"][0]["results"]) CHECK_FALSE(result.contains("suppressions"));
}

TEST_CASE("JUnit and Checkstyle reports are well-formed XML of the expected shape") {
  TempDir tmp;
  fs::path junit = tmp.path / "r.xml", checkstyle = tmp.path / "c.xml";
  ShellResult r = run_infralint("check fixtures/stacks/seed fixtures/dockerfile/base-image-latest -o junit:" +
                    shell_quote(junit.string()) + " -o checkstyle:" + shell_quote(checkstyle.string()) +
                    " --format json");
  REQUIRE(r.exit_code == 1);
  std::size_t findings = json::parse(r.out)["findings"].size();
  std::string check_junit = R"(
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
failures = 0; clean = 0
for suite in root:
    assert suite.tag == "testsuite" and suite.get("name")
    cases = list(suite)
    assert int(suite.get("tests")) == len(cases)
    for case in cases:
        assert case.tag == "testcase" and case.get("name") and case.get("classname")
        bad = [c for c in case if c.tag in ("failure", "error")]
        failures += len(bad)
        clean += not bad
    assert int(suite.get("failures")) + int(suite.get("errors")) == sum(
        1 for c in cases for x in c if x.tag in ("failure", "error"))
print(failures, clean)
)";
  std::ofstream(tmp.path / "junit.py") << check_junit;
  ShellResult j = run_shell("python3 " + shell_quote((tmp.path / "junit.py").string()) + " " + shell_quote(junit.string()) + " 2>&1");
  INFO(j.out);
  REQUIRE(j.exit_code == 0);
  CHECK(std::stoul(j.out) == findings);  // one failing testcase per finding

  std::string check_checkstyle = R"(
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "checkstyle" and root.get("version")
n = 0
for f in root:
    assert f.tag == "file" and f.get("name")
    for e in f:
        assert e.tag == "error"
        assert int(e.get("line")) >= 1 and int(e.get("column")) >= 1
        assert e.get("severity") in ("error", "warning", "info") and e.get("source") and e.get("message")
        n += 1
print(n)
)";
  std::ofstream(tmp.path / "cs.py") << check_checkstyle;
  ShellResult c = run_shell("python3 " + shell_quote((tmp.path / "cs.py").string()) + " " + shell_quote(checkstyle.string()) + " 2>&1");
  INFO(c.out);
  REQUIRE(c.exit_code == 0);
  CHECK(std::stoul(c.out) == findings);
}

TEST_CASE("XML reports survive control characters and invalid UTF-8 in messages") {
  auto run = one_file("a&b.Dockerfile", "FROM x\n",
                      {finding("dockerfile/base-image-latest", 0, 4, "bad \x01 \xFF <tag> \"q\"")});
  std::ostringstream junit, checkstyle;
  infralint::write_junit(junit, run);
  infralint::write_checkstyle(checkstyle, run);
  CHECK(junit.str().find('\x01') == std::string::npos);
  CHECK(junit.str().find("a&amp;b.Dockerfile") != std::string::npos);
  CHECK(checkstyle.str().find("&lt;tag&gt; &quot;q&quot;") != std::string::npos);
  TempDir tmp;
  std::ofstream(tmp.path / "j.xml") << junit.str();
  std::ofstream(tmp.path / "c.xml") << checkstyle.str();
  CHECK(run_shell("python3 -c 'import sys,xml.etree.ElementTree as E; [E.parse(p) for p in sys.argv[1:]]' " +
              shell_quote((tmp.path / "j.xml").string()) + " " + shell_quote((tmp.path / "c.xml").string()))
            .exit_code == 0);
}

TEST_CASE("GitHub workflow commands escape data and properties") {
  auto run = one_file("a,b:c.Dockerfile", "FROM x\nRUN y\n",
                      {finding("dockerfile/base-image-latest", 0, 4, "50% done\nnext line\r"),
                       finding("dockerfile/base-image-latest", 0, 9, "spans two lines")});
  std::ostringstream out;
  infralint::write_github(out, run);
  std::string text = out.str();
  CHECK(text.find("::warning file=a%2Cb%3Ac.Dockerfile,line=1,endLine=1,col=1,endColumn=5,"
                  "title=dockerfile/base-image-latest::50%25 done%0Anext line%0D\n") !=
        std::string::npos);
  // Columns only on single-line annotations.
  CHECK(text.find("line=1,endLine=2,title=") != std::string::npos);
}

TEST_CASE("GitLab Code Quality: required fields and fingerprints stable across line shifts") {
  auto gitlab = [](const std::string& text) {
    auto run = one_file("Dockerfile", text, {finding("dockerfile/base-image-latest",
                                                      text.find("FROM"), text.find("FROM") + 4, "m")});
    std::ostringstream out;
    infralint::write_gitlab(out, run);
    return json::parse(out.str());
  };
  json a = gitlab("FROM x:latest\n");
  json b = gitlab("# a comment added above\nFROM x:latest\n");
  REQUIRE(a.is_array());
  REQUIRE(a.size() == 1);
  for (const char* key : {"description", "check_name", "fingerprint", "severity", "location"})
    CHECK(a[0].contains(key));
  CHECK(std::set<std::string>{"info", "minor", "major", "critical", "blocker"}.count(
      a[0]["severity"].get<std::string>()));
  CHECK(a[0]["location"]["positions"]["begin"]["line"] == 1);
  CHECK(b[0]["location"]["positions"]["begin"]["line"] == 2);
  CHECK(a[0]["fingerprint"] == b[0]["fingerprint"]);
  CHECK(a[0]["fingerprint"] != gitlab("FROM y:latest\n")[0]["fingerprint"]);
}

TEST_CASE("--statistics, --exit-zero, --quiet and -o errors") {
  ShellResult stats = run_infralint("check --statistics fixtures/stacks/seed");
  CHECK(stats.exit_code == 1);
  CHECK(stats.out.find("total") != std::string::npos);
  CHECK(stats.out.find("container/") != std::string::npos);
  CHECK(run_infralint("check --exit-zero fixtures/stacks/seed").exit_code == 0);
  ShellResult quiet = run_infralint("check --quiet fixtures/dockerfile/base-image-latest");
  CHECK(quiet.out.find("problem") == std::string::npos);
  CHECK(run_infralint("check -o bogus:x fixtures/stacks/seed").exit_code == 2);
  CHECK(run_infralint("check -o sarif:/nonexistent-dir/x.sarif fixtures/stacks/seed").exit_code == 2);
}

}  // TEST_SUITE
