// The real promtool (Debian's prometheus package, 2.42) as an oracle: every Prometheus fixture
// (bad, good and fixed files) and every rule file and prometheus.yml of ../shared/corpus gets
// the same accept/reject verdict from infralint's error-severity findings as from
// `promtool check rules` / `promtool check config --syntax-only`. Skips, saying so, when
// promtool or the corpus is absent.
//
// infralint targets the Prometheus 3.x grammar with default feature flags; the files where
// promtool 2.42 decides differently because of that are listed in kVersionExceptions.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "engine/runner.hpp"
#include "fixture_support.hpp"
#include "oracle_support.hpp"
#include "model/adapters.hpp"
#include "model/prometheus_entities.hpp"
#include "parse/detect.hpp"
#include "parse/document_parser.hpp"
#include "parse/promql/ast.hpp"

namespace fs = std::filesystem;
using namespace infralint;
using infralint::testing::have_promtool;
using infralint::testing::promtool_accepts;
using infralint::testing::shell_quote;

namespace {

// Files on which promtool 2.42 and Prometheus 3.x (infralint's target) decide differently, with
// the reason. None among the fixtures and the corpus today. Checked by hand, expression by
// expression, these are the differences that would land here: quoted metric and label names
// (`{"my.metric"}`, `foo{"a.b"="c"}`, `sum by ("a.b")`), `_` digit separators (`1_000`), bare
// numbers as ranges (`foo[300]`), durations as numbers (`5m` = 300), group `query_offset` and
// `labels` (all accepted by 3.x, rejected by 2.42); holt_winters (2.42 accepts it, 3.0 removed it);
// expressions nested over 1000 levels deep (infralint's depth limit).
const std::map<std::string, std::string> kVersionExceptions = {};

struct Verdict {
  bool accepts = true;
  std::string first_error;
};

// Error-severity findings decide; `only` restricts them to rule ids with that prefix.
Verdict infralint_verdict(const fs::path& file, Kind kind, std::string_view only = "") {
  InputFile input;
  input.fs_path = file.string();
  input.path = file.string();
  input.kind = kind;
  input.named_explicitly = true;
  std::vector<InputError> errors;
  auto doc = load_document(input, 16 * 1024 * 1024, errors);
  REQUIRE(doc);
  Verdict v;
  for (const Finding& f : lint_document(*doc, RuleSelection{})) {
    if (f.severity != Severity::error || !f.rule_id.starts_with(only)) continue;
    // Stack rules judge links to other files (a rule file that is absent), which promtool
    // tolerates: a glob matching nothing loads nothing. They are not validity.
    if (f.rule_id.starts_with("stack/")) continue;
    if (v.accepts) v.first_error = std::string(f.rule_id) + ": " + f.message;
    v.accepts = false;
  }
  return v;
}

struct Tally {
  std::size_t files = 0, agree = 0, excepted = 0;
  std::vector<std::string> disagreements;
  // prometheus.yml: promtool checks far more (relabelling, service discovery, auth, remote
  // write, ...) than infralint does yet; files it rejects and infralint accepts are counted,
  // not failed. The reverse, a false rejection, fails.
  std::size_t configs = 0, config_agree = 0;
  std::vector<std::string> config_gaps;
};

void compare(const fs::path& file, const std::string& label, Tally& tally) {
  std::string text = testing::read_file(file);
  Kind kind = detect_kind(file.filename().string(), text);
  if (kind != Kind::prometheus_rules && kind != Kind::prometheus_config) return;
  bool promtool = promtool_accepts(file, kind);
  Verdict ours = infralint_verdict(file, kind);
  if (kind == Kind::prometheus_config) {
    ++tally.configs;
    if (promtool == ours.accepts) {
      ++tally.config_agree;
      return;
    }
    if (!promtool && ours.accepts) {
      tally.config_gaps.push_back(label);
      return;
    }
  } else {
    ++tally.files;
    if (promtool == ours.accepts) {
      ++tally.agree;
      return;
    }
  }
  if (kVersionExceptions.count(label)) {
    ++tally.excepted;
    return;
  }
  tally.disagreements.push_back(label + ": promtool " + (promtool ? "accepts" : "rejects") +
                                ", infralint " +
                                (ours.accepts ? "accepts" : "rejects (" + ours.first_error + ")"));
}

void report(std::string_view what, const Tally& tally) {
  MESSAGE("promtool oracle, " << what << ": rule files " << tally.agree << " of " << tally.files
                              << " agree (" << tally.excepted << " version exceptions); "
                              << "prometheus.yml " << tally.config_agree << " of " << tally.configs
                              << " agree, " << tally.config_gaps.size()
                              << " rejected by promtool for checks infralint lacks");
  for (const auto& d : tally.disagreements) FAIL_CHECK(d);
}

bool yaml_file(const fs::path& p) {
  return p.extension() == ".yml" || p.extension() == ".yaml";
}

}  // namespace

TEST_CASE("promtool oracle: fixtures get promtool's verdict") {
  if (!have_promtool()) {
    MESSAGE("skipped: promtool is not installed (scripts/setup.sh installs it)");
    return;
  }
  Tally tally;
  fs::path root = testing::fixtures_dir() / "prometheus";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || !yaml_file(entry.path())) continue;
    std::string label =
        "fixtures/" + fs::relative(entry.path(), testing::fixtures_dir()).generic_string();
    compare(entry.path(), label, tally);
  }
  fs::path seed = testing::fixtures_dir() / "stacks" / "seed" / "monitoring";
  for (const auto& entry : fs::directory_iterator(seed))
    compare(entry.path(), "fixtures/stacks/seed/monitoring/" + entry.path().filename().string(),
            tally);
  report("fixtures", tally);
  CHECK(tally.config_gaps.empty());
  CHECK(tally.files >= 15);
}

TEST_CASE("promtool oracle: corpus rule files and prometheus.yml get promtool's verdict") {
  auto shared = testing::shared_dir();
  if (!shared || !fs::exists(*shared / "corpus" / "prometheus")) {
    MESSAGE("skipped: ../shared/corpus is absent");
    return;
  }
  if (!have_promtool()) {
    MESSAGE("skipped: promtool is not installed (scripts/setup.sh installs it)");
    return;
  }
  Tally tally;
  fs::path root = *shared / "corpus" / "prometheus";
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file() && yaml_file(entry.path())) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files)
    compare(f, "corpus/prometheus/" + fs::relative(f, root).generic_string(), tally);
  report("corpus", tally);
  CHECK(tally.files > 100);
}

// PrometheusRule objects: promtool checks their spec (written out to a rule file) as it checks a
// rule file; infralint lints the manifest where it is.
TEST_CASE("promtool oracle: PrometheusRule objects of the corpus get promtool's verdict") {
  auto shared = testing::shared_dir();
  if (!shared || !fs::exists(*shared / "corpus")) {
    MESSAGE("skipped: ../shared/corpus is absent");
    return;
  }
  if (!have_promtool()) {
    MESSAGE("skipped: promtool is not installed (scripts/setup.sh installs it)");
    return;
  }
  fs::path tmp = fs::temp_directory_path() / "infralint-promtool-oracle.yml";
  std::size_t objects = 0, files = 0, agree = 0;
  std::vector<fs::path> paths;
  for (std::string_view dir : {"prometheus", "kubernetes"})
    for (const auto& entry : fs::recursive_directory_iterator(*shared / "corpus" / dir))
      if (entry.is_regular_file() && yaml_file(entry.path())) paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    std::string text = testing::read_file(path);
    if (text.find("PrometheusRule") == std::string::npos) continue;
    if (detect_kind(path.filename().string(), text) != Kind::kubernetes) continue;
    bool promtool = true, any = false;
    try {
      for (const YAML::Node& doc : YAML::LoadAll(text)) {
        if (!doc.IsMap() || !doc["kind"] || doc["kind"].as<std::string>() != "PrometheusRule")
          continue;
        any = true;
        ++objects;
        YAML::Emitter out;
        out << doc["spec"];
        std::ofstream(tmp) << out.c_str() << "\n";
        promtool = promtool && promtool_accepts(tmp, Kind::prometheus_rules);
      }
    } catch (const YAML::Exception&) {
      continue;
    }
    if (!any) continue;
    ++files;
    // Only the Prometheus rules' verdict: Kubernetes findings are not promtool's business.
    Verdict ours = infralint_verdict(path, Kind::kubernetes, "prometheus/");
    if (promtool == ours.accepts) {
      ++agree;
    } else {
      FAIL_CHECK(path.string() << ": promtool " << (promtool ? "accepts" : "rejects")
                               << ", infralint " << (ours.accepts ? "accepts" : ours.first_error));
    }
  }
  fs::remove(tmp);
  MESSAGE("promtool oracle, PrometheusRule objects: " << agree << " of " << files << " files ("
                                                      << objects << " objects) agree");
  CHECK(files >= 10);
}

// Expression by expression: every `expr` of the corpus rule files and a list of grammar edge
// cases, written as recording rules into one file; promtool names each rule it rejects.
TEST_CASE("promtool oracle: PromQL expressions, one by one") {
  if (!have_promtool()) {
    MESSAGE("skipped: promtool is not installed (scripts/setup.sh installs it)");
    return;
  }
  std::vector<std::string> exprs = {"foo offset 5m",
                                    "foo[5m] offset -1h",
                                    "rate(foo[5m] @ 100)",
                                    "foo @ start()",
                                    "sum by (a) (foo) + on(a) group_left bar",
                                    "1 + 2",
                                    "1 == 1",
                                    "1 == bool 1",
                                    "foo and 1",
                                    "-foo ^ 2",
                                    "2 ^ 3 ^ 2",
                                    "foo{a=\"b\",}",
                                    "foo{}",
                                    "{a=\"\"}",
                                    "{__name__=~\".+\"}",
                                    "topk(2, foo)",
                                    "count_values(\"x\", foo)",
                                    "label_join(foo, \"a\", \",\", \"b\")",
                                    "foo[5m:]",
                                    "foo[5m:1m]",
                                    "(foo)[5m]",
                                    "foo offset 5m offset 1m",
                                    "0x1F + 0755",
                                    "Inf",
                                    "-nan",
                                    "`raw`",
                                    "\"str\"",
                                    "foo # comment",
                                    "sum(foo) without (a)",
                                    "foo[1h30m]",
                                    "foo[0s]",
                                    "foo offset 0s",
                                    "foo{a=~\"(\"}",
                                    "vector(time()) > bool 0",
                                    "day_of_week()",
                                    "round(foo, 0.5)",
                                    "histogram_quantile(0.9, foo)",
                                    "foo or bool bar",
                                    "foo + ignoring(a) group_right(b) bar",
                                    "sum(foo,)",
                                    "rate(foo[5m],)",
                                    "foo * -1",
                                    "+foo",
                                    "foo[5m] @ end()",
                                    "rate(foo)",
                                    "foo[5m][1m:]",
                                    "1 @ 5",
                                    "sum(foo) offset 1m",
                                    "foo{a=\"b\"",
                                    "foo )",
                                    "foo !~ bar",
                                    "1.5h",
                                    "5m",
                                    "foo[1.5h]",
                                    "\"\\q\"",
                                    "scalar(foo) > bool 1",
                                    "time() + foo",
                                    "foo and on(a) group_left bar",
                                    "a * on(x) group_left(x) b",
                                    "quantile(\"x\", foo)",
                                    "absent(foo{a=~\".*\"})"};
  auto shared = testing::shared_dir();
  if (shared && fs::exists(*shared / "corpus" / "prometheus")) {
    for (const auto& entry : fs::recursive_directory_iterator(*shared / "corpus" / "prometheus")) {
      if (!entry.is_regular_file() || !yaml_file(entry.path())) continue;
      std::string text = testing::read_file(entry.path());
      Kind kind = detect_kind(entry.path().filename().string(), text);
      if (kind != Kind::prometheus_rules) continue;
      Document doc(entry.path().string(), text, kind);
      parse_document(doc);
      build_model(doc);
      const auto* m = doc.model<Model>();
      if (!m || !m->prometheus) continue;
      for (const PrometheusRule& r : m->prometheus->rules)
        if (r.expr && !r.expr->text.text().empty()) exprs.push_back(r.expr->text.text());
    }
  }
  std::sort(exprs.begin(), exprs.end());
  exprs.erase(std::unique(exprs.begin(), exprs.end()), exprs.end());

  // Accepted by the 3.x grammar, rejected by promtool 2.42 (or the reverse); see above.
  const std::vector<std::string> version_differences = {"5m"};  // a duration as a number

  fs::path tmp = fs::temp_directory_path() / "infralint-promtool-exprs.yml";
  {
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "oracle";
    out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
    for (std::size_t i = 0; i < exprs.size(); ++i) {
      out << YAML::BeginMap << YAML::Key << "record" << YAML::Value
          << "oracle:expr:" + std::to_string(i);
      out << YAML::Key << "expr" << YAML::Value << YAML::DoubleQuoted << exprs[i] << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap << YAML::EndSeq << YAML::EndMap;
    std::ofstream(tmp) << out.c_str() << "\n";
  }
  std::string cmd = "promtool check rules " + shell_quote(tmp.string()) + " 2>&1";
  std::string output;
  if (FILE* pipe = popen(cmd.c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = fread(buf, 1, sizeof buf, pipe)) output.append(buf, n);
    pclose(pipe);
  }
  fs::remove(tmp);
  std::set<std::size_t> rejected;
  for (std::size_t pos = 0; (pos = output.find("\"oracle:expr:", pos)) != std::string::npos;) {
    pos += 13;
    rejected.insert(std::stoul(output.substr(pos)));
  }
  std::size_t agree = 0, differ = 0;
  for (std::size_t i = 0; i < exprs.size(); ++i) {
    bool ours = promql::parse(exprs[i]).ok();
    bool theirs = !rejected.count(i);
    if (ours == theirs) {
      ++agree;
    } else if (std::find(version_differences.begin(), version_differences.end(), exprs[i]) !=
               version_differences.end()) {
      ++differ;
    } else {
      FAIL_CHECK("promtool " << (theirs ? "accepts" : "rejects") << ", infralint "
                             << (ours ? "accepts" : "rejects") << ": " << exprs[i]);
    }
  }
  MESSAGE("promtool oracle, expressions: " << agree << " of " << exprs.size() << " agree, "
                                           << differ << " version differences (" << rejected.size()
                                           << " rejected by promtool)");
  CHECK(rejected.size() >= 20);
}
