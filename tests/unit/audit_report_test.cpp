// Audit reports: the control catalogues, the status of a control on crafted runs (never pass
// when nothing checked it), and the golden JSON and Markdown reports of the seed stack.
#include <doctest/doctest.h>
#include <xxhash.h>

#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "engine/rule.hpp"
#include "fixture_support.hpp"
#include "report/audit/audit.hpp"

namespace fs = std::filesystem;
using infralint::testing::fixtures_dir;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::source_dir;
using namespace infralint;
using namespace infralint::audit;

namespace {

// One framework with one control per case, each checked by one real rule.
constexpr std::string_view kTable =
    "#framework\ttest\n#name\tTest\n#tag\tTEST\n"
    "run\tRuntime control\tautomated\truntime\tcontainer/privileged\n"
    "pods\tPod control\tautomated\tpod\tcontainer/privileged\n"
    "tls\tTLS control\tautomated\tnginx\tnginx/weak-ssl-tls\n"
    "paper\tProcess control\tmanual\tany\t\n";

FileReport compose_file(std::vector<Finding> findings = {}) {
  FileReport file;
  file.doc = std::make_unique<Document>("docker-compose.yml", "services:\n  web:\n    image: x\n",
                                        Kind::compose);
  file.entities["containers"] = 1;
  file.findings = std::move(findings);
  return file;
}

Finding privileged_finding(bool waived = false) {
  Finding f;
  f.rule_id = "container/privileged";
  f.severity = Severity::error;
  f.message = "privileged";
  f.span = {12, 15};
  if (waived) f.suppressed_by = "# infralint: ignore[container/privileged] lab only";
  return f;
}

std::map<std::string, Status> statuses(const RunResult& run, const std::vector<FileFacts>& facts) {
  std::vector<std::string> errors;
  auto frameworks = parse_catalogue({kTable}, errors);
  REQUIRE(errors.empty());
  std::map<std::string, Status> out;
  auto results = evaluate(run, facts, frameworks);
  for (const ControlResult& c : results.at(0).controls) out[c.control->id] = c.status;
  return out;
}

FileFacts ran(std::set<std::string, std::less<>> rules, bool analysed = true) {
  return FileFacts{std::move(rules), analysed};
}

std::string hash_of(std::string text, const std::string& hash) {
  auto at = text.find(hash);
  REQUIRE(at != std::string::npos);
  text.replace(at, hash.size(), std::string(kZeroHash));
  XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

}  // namespace

TEST_CASE("audit catalogue: every table parses and names real rules") {
  CHECK(catalogue_errors() == std::vector<std::string>{});
  std::set<std::string> ids;
  for (const Framework& f : catalogue()) {
    ids.insert(f.id);
    CHECK_MESSAGE(!f.controls.empty(), f.id);
    CHECK_MESSAGE(!f.name.empty(), f.id);
  }
  CHECK(ids == std::set<std::string>{"cis-docker", "cis-kubernetes", "pss", "nsa-cisa",
                                     "mozilla-tls", "soc2"});
  // Every compliance reference of a rule to a catalogued framework names one of its controls.
  for (const auto& rule : Registry::instance().rules())
    for (std::string_view ref : rule->meta().compliance)
      for (const Framework& f : catalogue()) {
        if (!ref.starts_with(f.tag + ":") || f.id == "pss") continue;  // PSS:baseline is a level
        std::string control(ref.substr(f.tag.size() + 1));
        bool found = std::any_of(f.controls.begin(), f.controls.end(),
                                 [&](const Control& c) { return c.id == control; });
        CHECK_MESSAGE(found, rule->meta().id, " names ", ref);
      }
}

TEST_CASE("audit catalogue: mistakes are reported, not guessed") {
  std::vector<std::string> errors;
  parse_catalogue({"#framework\tx\n1\tA\tautomated\truntime\tcontainer/no-such-rule\n"
                   "2\tB\tsometimes\truntime\t\n3\tC\tautomated\tplanet\tcontainer/privileged\n"},
                  errors);
  REQUIRE(errors.size() == 4);  // unknown rule (and then no rule at all), coverage, scope
  CHECK(errors[0].find("no rule 'container/no-such-rule'") != std::string::npos);
}

TEST_CASE("audit status: pass only when a rule ran on something in scope") {
  SUBCASE("checked and clean: pass; other scopes absent: not applicable; manual: not checked") {
    RunResult run;
    run.files.push_back(compose_file());
    auto s = statuses(run, {ran({"container/privileged"})});
    CHECK(s["run"] == Status::pass);
    CHECK(s["pods"] == Status::not_applicable);
    CHECK(s["tls"] == Status::not_applicable);
    CHECK(s["paper"] == Status::not_checked);
  }
  SUBCASE("a finding: fail") {
    RunResult run;
    run.files.push_back(compose_file({privileged_finding()}));
    CHECK(statuses(run, {ran({"container/privileged"})})["run"] == Status::fail);
  }
  SUBCASE("a waived finding does not fail, and is counted") {
    RunResult run;
    run.files.push_back(compose_file({privileged_finding(true)}));
    std::vector<std::string> errors;
    auto frameworks = parse_catalogue({kTable}, errors);
    auto result = evaluate(run, {ran({"container/privileged"})}, frameworks).at(0).controls.at(0);
    CHECK(result.status == Status::pass);
    CHECK(result.waived == 1);
  }
  SUBCASE("rule not selected: not checked, never pass") {
    RunResult run;
    run.files.push_back(compose_file());
    CHECK(statuses(run, {ran({"container/runs-as-root"})})["run"] == Status::not_checked);
  }
  SUBCASE("file did not parse: not checked") {
    RunResult run;
    run.files.push_back(compose_file());
    CHECK(statuses(run, {ran({"container/privileged"}, false)})["run"] == Status::not_checked);
  }
  SUBCASE("a file without containers is not in a runtime scope") {
    RunResult run;
    run.files.push_back(compose_file());
    run.files.back().entities.clear();
    CHECK(statuses(run, {ran({"container/privileged"})})["run"] == Status::not_applicable);
  }
}

TEST_CASE("audit summary: score and grade follow the printed formula") {
  RunResult run;
  run.files.push_back(compose_file({privileged_finding()}));
  AuditInput input;
  input.run = &run;
  input.facts = {ran({"container/privileged", "container/runs-as-root", "container/no-memory-limit"})};
  input.frameworks = &catalogue();
  auto audit = build_audit(input);
  const auto& s = audit["summary"];
  // 2 passed, 1 error weighing 10: 100 × 2 / (2 + 10) = 16 → F.
  CHECK(s["checks"]["passed"] == 2);
  CHECK(s["checks"]["failed_error"] == 1);
  CHECK(s["score"] == 16);
  CHECK(s["grade"] == "F");
  CHECK(audit["findings"][0]["excerpt"]["lines"][0]["mark"] == nlohmann::json::array({2, 5}));

  // 12 passed, one warning (3) and one info (1): 100 × 12 / 16 = 75 → C.
  Finding warning = privileged_finding();
  warning.rule_id = "container/runs-as-root";
  warning.severity = Severity::warning;
  Finding info = privileged_finding();
  info.rule_id = "container/no-memory-limit";
  info.severity = Severity::info;
  run.files[0].findings = {warning, info};
  std::set<std::string, std::less<>> rules = {"container/runs-as-root", "container/no-memory-limit"};
  for (const auto& rule : Registry::instance().rules()) {
    if (rules.size() == 14) break;
    rules.insert(std::string(rule->meta().id));
  }
  input.facts = {ran(rules)};
  const auto graded = build_audit(input)["summary"];
  CHECK(graded["checks"]["passed"] == 12);
  CHECK(graded["score"] == 75);
  CHECK(graded["grade"] == "C");
}

TEST_CASE("audit evidence: observed and expected are the finding's text before and after its fix") {
  auto with_fix = [](Span span, std::vector<Edit> edits) {
    Finding f = privileged_finding();
    f.span = span;
    f.fix = Fix{"Rename the service", std::move(edits), Applicability::safe, {}};
    return f;
  };
  RunResult run;
  run.files.push_back(compose_file({
      with_fix({12, 15}, {{{12, 15}, "api"}}),            // the span replaced
      with_fix({12, 15}, {{{10, 17}, "  api:\n"}}),        // an edit reaching past the span
      with_fix({12, 15}, {{{0, 0}, "# header\n"}}),       // an edit elsewhere only
      with_fix({12, 16}, {{{12, 16}, ""}}),               // the span removed
  }));
  AuditInput input;
  input.run = &run;
  input.facts = {ran({"container/privileged"})};
  input.frameworks = &catalogue();
  auto findings = build_audit(input)["findings"];
  REQUIRE(findings.size() == 4);
  CHECK(findings[0]["observed"] == "web");
  CHECK(findings[0]["expected"] == "api");
  CHECK(findings[1]["observed"] == "  web:");  // whole lines: without their line end
  CHECK(findings[1]["expected"] == "  api:");
  CHECK(findings[2]["observed"] == "web");
  CHECK(findings[2]["expected"].is_null());
  CHECK(findings[3]["expected"] == "");
  CHECK(findings[0]["fix"]["diff"].get<std::string>().find("+  api:") != std::string::npos);
  std::string md = render_markdown(build_audit(input));
  CHECK(md.find("- Observed: `web`\n- Expected: `api`") != std::string::npos);
  CHECK(md.find("- Expected: as the fix below") != std::string::npos);
  CHECK(md.find("- Expected: (removed)") != std::string::npos);
}

TEST_CASE("audit waiver ledger: every suppression with reason, expiry and location, expired first") {
  infralint::testing::TempDir dir;
  std::ofstream(dir.path / "Dockerfile")
      << "FROM debian:12\n"
         "# infralint: ignore[dockerfile/relative-workdir] the base image sets WORKDIR /srv\n"
         "WORKDIR app\n"
         "# infralint: ignore[DL3008] pinned by the snapshot mirror until=2026-06-30\n"
         "RUN apt-get update && apt-get install -y curl\n";
  auto report = [&](const std::string& format) {
    auto result = run_shell("cd " + shell_quote(dir.path.string()) + " && " +
                            shell_quote(INFRALINT_BINARY) +
                            " report . --isolated --no-git --date 2026-07-01 --today 2026-07-01 "
                            "--format " + format);
    REQUIRE(result.exit_code == 0);
    return result.out;
  };
  auto audit = nlohmann::json::parse(report("json"));
  const auto& ledger = audit["waivers"];
  REQUIRE(ledger.size() == 2);
  CHECK(ledger[0]["expired"] == true);  // line 4, listed first
  CHECK(ledger[0]["line"] == 4);
  CHECK(ledger[0]["until"] == "2026-06-30");
  CHECK(ledger[0]["rules"] == nlohmann::json::array({"dockerfile/apt-get-unpinned"}));
  CHECK(ledger[0]["findings_waived"] == 0);
  CHECK(ledger[1]["expired"] == false);
  CHECK(ledger[1]["line"] == 2);
  CHECK(ledger[1]["path"] == "Dockerfile");
  CHECK(ledger[1]["until"].is_null());
  CHECK(ledger[1]["reason"] == "the base image sets WORKDIR /srv");
  CHECK(ledger[1]["findings_waived"] == 1);
  CHECK(audit["summary"]["findings"]["waived"] == 1);
  // The expired suppression hides nothing: its finding is reported, with the expiry's own.
  std::set<std::string> rules;
  for (const auto& f : audit["findings"]) rules.insert(f["rule"].get<std::string>());
  CHECK(rules.count("dockerfile/apt-get-unpinned") == 1);
  CHECK(rules.count("meta/expired-suppression") == 1);
  CHECK(rules.count("dockerfile/relative-workdir") == 0);
  std::string md = report("md");
  auto expired_row = md.find("`Dockerfile:4`");
  auto live_row = md.find("`Dockerfile:2`");
  REQUIRE(expired_row != std::string::npos);
  REQUIRE(live_row != std::string::npos);
  CHECK(expired_row < live_row);
}

namespace {

// The seed stack's report, reproducible: fixed date, no git, no configuration file.
std::string seed_report(const std::string& format) {
  auto result = run_shell("cd " + shell_quote(source_dir().string()) + " && " +
                          shell_quote(INFRALINT_BINARY) + " report fixtures/stacks/seed --isolated " +
                          "--no-git --date 2026-01-01 --today 2026-01-01 --format " + format);
  REQUIRE(result.exit_code == 0);
  return result.out;
}

void check_golden(const std::string& name, const std::string& actual) {
  fs::path golden = fixtures_dir() / "reports" / name;
  if (std::getenv("INFRALINT_UPDATE_EXPECTED")) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
  }
  REQUIRE(fs::exists(golden));
  CHECK_MESSAGE(read_file(golden) == actual,
                name, " differs; rerun with INFRALINT_UPDATE_EXPECTED=1 and read the diff");
}

}  // namespace

TEST_CASE("audit report of the seed stack: golden JSON and Markdown") {
  std::string json_text = seed_report("json");
  auto audit = nlohmann::json::parse(json_text);
  std::string hash = audit["provenance"]["report_hash"];
  CHECK(hash_of(json_text, hash) == hash);
  CHECK(audit["provenance"]["git_commit"].is_null());
  CHECK(audit["summary"]["findings"]["total"].get<int>() > 0);
  // The seed's known bugs fail their controls.
  std::map<std::string, std::string> status;
  for (const auto& f : audit["frameworks"])
    for (const auto& c : f["controls"])
      status[f["id"].get<std::string>() + ":" + c["id"].get<std::string>()] = c["status"];
  CHECK(status["cis-docker:4.5"] == "not checked");  // manual
  check_golden("seed.json", json_text);

  std::string md = seed_report("md");
  std::smatch m;
  REQUIRE(std::regex_search(md, m, std::regex("Report hash \\| `([0-9a-f]{32})`")));
  CHECK(hash_of(md, m[1]) == m[1]);
  check_golden("seed.md", md);
}

TEST_CASE("audit baseline: new findings and resolved entries against a baseline") {
  infralint::testing::TempDir dir;
  auto write = [&](const std::string& text) { std::ofstream(dir.path / "Dockerfile") << text; };
  auto in_dir = [&](const std::string& args) {
    return run_shell("cd " + shell_quote(dir.path.string()) + " && " +
                     shell_quote(INFRALINT_BINARY) + " " + args);
  };
  write("FROM debian:12\nWORKDIR app\nRUN apt-get update && apt-get install -y curl\n");
  REQUIRE(in_dir("baseline create .").exit_code == 0);
  // The relative WORKDIR fixed, another one added: one entry resolved, one finding new.
  write("FROM debian:12\nWORKDIR /srv\nWORKDIR data\nRUN apt-get update && apt-get install -y curl\n");
  const std::string report = "report . --baseline .infralint-baseline.json --isolated --no-git "
                             "--date 2026-07-01 --format ";
  auto result = in_dir(report + "json");
  REQUIRE(result.exit_code == 0);
  auto audit = nlohmann::json::parse(result.out);
  const auto& b = audit["baseline"];
  REQUIRE(b.is_object());
  CHECK(b["path"] == ".infralint-baseline.json");
  CHECK(b["accepted"].get<int>() > 0);  // the unchanged RUN's findings and the rest
  REQUIRE(b["new_findings"].size() == 1);
  std::string id = b["new_findings"][0];
  bool found = false;
  for (const auto& f : audit["findings"])
    if (f["id"] == id) {
      found = true;
      CHECK(f["rule"] == "dockerfile/relative-workdir");
      CHECK(f["line"] == 3);
    }
  CHECK(found);
  REQUIRE(b["resolved"].size() == 1);
  CHECK(b["resolved"][0]["rule"] == "dockerfile/relative-workdir");
  CHECK(b["resolved"][0]["path"] == "Dockerfile");
  std::string md = in_dir(report + "md").out;
  CHECK(md.find("## Difference from the baseline") != std::string::npos);
}
