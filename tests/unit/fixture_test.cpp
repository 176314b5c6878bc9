// Every rule's fixture folder: it fires on bad.* exactly as expected.json says, is silent on
// good.*, and its fix turns bad.* into fixed.* byte for byte, converges, keeps comments and
// re-parses. A case may be a DIRECTORY (bad/, good/: a small multi-file stack for the stack
// rules), linted as one run; its expected.json names each finding's file.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "config/config_file.hpp"
#include "engine/runner.hpp"
#include "fix/fixer.hpp"
#include "fixture_support.hpp"
#include "parse/detect.hpp"
#include "parse/document_parser.hpp"

namespace fs = std::filesystem;
using namespace infralint;
using infralint::testing::fixtures_dir;
using infralint::testing::read_file;

namespace {

struct Linted {
  std::unique_ptr<Document> doc;
  std::vector<Finding> findings;
};

// The rule alone, with the options of the folder's `infralint.yaml` when it has one (rules whose
// findings depend on configuration, such as trusted registries).
LintConfig fixture_config(const fs::path& dir, const std::string& rule_id) {
  LintConfig config(RuleSelection{{rule_id}, {}});
  fs::path file = dir / "infralint.yaml";
  if (!fs::exists(file)) return config;
  std::vector<ConfigError> errors;
  ConfigFile parsed = parse_config_text(file.string(), read_file(file), errors);
  for (const ConfigError& e : errors) FAIL_CHECK(e.to_string());
  apply_config_file(parsed, config);
  config.selection = RuleSelection{{rule_id}, {}};
  return config;
}

class FixtureConfigs final : public ConfigProvider {
 public:
  explicit FixtureConfigs(LintConfig config) : config_(std::move(config)) {}
  const LintConfig& for_path(const std::string&) const override { return config_; }

 private:
  LintConfig config_;
};

Linted lint_fixture(const fs::path& file, Kind kind, const std::string& rule_id) {
  InputFile input;
  input.fs_path = file.string();
  // The full path: rules that look beside the file (railway's dockerfilePath) find the
  // fixture folder's other files.
  input.path = file.string();
  input.kind = kind;
  input.named_explicitly = true;
  std::vector<InputError> errors;
  Linted out;
  out.doc = load_document(input, 16 * 1024 * 1024, errors);
  REQUIRE_MESSAGE(out.doc, "cannot load " << file);
  out.findings = lint_document(*out.doc, fixture_config(file.parent_path(), rule_id));
  return out;
}

std::string position(const Document& doc, std::size_t offset) {
  Position p = doc.lines().position(offset);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

nlohmann::json describe(const Linted& l) {
  nlohmann::json list = nlohmann::json::array();
  for (const Finding& f : l.findings) {
    nlohmann::json j;
    j["start"] = position(*l.doc, f.span.begin);
    j["end"] = position(*l.doc, f.span.end);
    j["message"] = f.message;
    if (f.fix) j["fix"] = std::string(to_string(f.fix->applicability));
    list.push_back(j);
  }
  return list;
}

std::vector<std::string> comment_lines(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] == '#') out.push_back(line.substr(first));
  }
  return out;
}

Kind fixture_kind(const nlohmann::json& expected, const fs::path& bad, std::string_view text) {
  if (expected.contains("kind")) return parse_kind(expected["kind"].get<std::string>()).value();
  return detect_kind(bad.filename().string(), text);
}


// A fixture folder holds one or more cases: bad<label>.<ext> with expected<label>.json and,
// for a fixable rule, fixed<label>.<ext> (label "" or e.g. "-root"); and good*.<ext> files.
struct FixtureCase {
  fs::path bad;
  fs::path expected;
  fs::path fixed;
};

std::vector<FixtureCase> cases_in(const fs::path& dir) {
  std::vector<FixtureCase> cases;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with("bad")) continue;
    if (entry.is_directory()) {
      cases.push_back({entry.path(), dir / ("expected" + name.substr(3) + ".json"),
                       dir / ("fixed" + name.substr(3))});
      continue;
    }
    std::string rest = name.substr(3);  // "<label>.<ext>"
    std::string label = rest.substr(0, rest.find('.'));
    cases.push_back({entry.path(), dir / ("expected" + label + ".json"), dir / ("fixed" + rest)});
  }
  std::sort(cases.begin(), cases.end(),
            [](const FixtureCase& a, const FixtureCase& b) { return a.bad < b.bad; });
  return cases;
}

std::vector<fs::path> goods_in(const fs::path& dir) {
  std::vector<fs::path> goods;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().starts_with("good")) goods.push_back(entry.path());
  std::sort(goods.begin(), goods.end());
  return goods;
}

// `"today": "YYYY-MM-DD"` in an expected*.json pins the date date-aware rules judge by.
struct PinnedToday {
  explicit PinnedToday(const nlohmann::json& expected) {
    if (expected.contains("today"))
      ::setenv("INFRALINT_TODAY", expected["today"].get<std::string>().c_str(), 1);
  }
  ~PinnedToday() { ::unsetenv("INFRALINT_TODAY"); }
  PinnedToday(const PinnedToday&) = delete;
  PinnedToday& operator=(const PinnedToday&) = delete;
};

// A good file whose name does not tell its kind (good.toml for railway) takes the kind of
// the expected file with the longest label its own label starts with (good-railway-cron.toml
// → expected-railway-cron.json, else expected-railway.json, else expected.json).
Kind good_kind(const fs::path& good, std::string_view text) {
  Kind kind = detect_kind(good.filename().string(), text);
  if (kind != Kind::unknown) return kind;
  std::string rest = good.filename().string().substr(4);
  std::string label = rest.substr(0, rest.find('.'));
  for (;;) {
    fs::path expected = good.parent_path() / ("expected" + label + ".json");
    if (fs::exists(expected)) {
      auto json = nlohmann::json::parse(read_file(expected));
      if (json.contains("kind")) return parse_kind(json["kind"].get<std::string>()).value();
    }
    if (label.empty()) return kind;
    auto dash = label.rfind('-');
    label = dash == std::string::npos ? "" : label.substr(0, dash);
  }
}

// A directory case: every file in it linted as one run (the stack rules see them together).
RunResult lint_directory(const fs::path& dir, const std::string& rule_id) {
  FixtureConfigs configs(fixture_config(dir.parent_path(), rule_id));
  RunOptions options;
  options.jobs = 2;
  options.configs = &configs;
  return run_check({dir.string()}, options);
}

std::string relative_to(const std::string& path, const fs::path& root) {
  return fs::relative(fs::weakly_canonical(path), fs::weakly_canonical(root)).generic_string();
}

// Messages name other files by the path the run was given, which depends on the working
// directory: expectations hold them relative to the case's directory.
std::string without_prefix(std::string message, const fs::path& root) {
  for (std::string prefix : {fs::weakly_canonical(root).generic_string() + "/",
                             fs::relative(fs::weakly_canonical(root)).generic_string() + "/",
                             root.generic_string() + "/"})
    for (auto at = message.find(prefix); at != std::string::npos; at = message.find(prefix, at))
      message.erase(at, prefix.size());
  return message;
}

nlohmann::json describe_run(const RunResult& run, const fs::path& root) {
  nlohmann::json list = nlohmann::json::array();
  for (const FileReport& file : run.files)
    for (const Finding& f : file.findings) {
      nlohmann::json j;
      j["file"] = relative_to(file.doc->path(), root);
      j["start"] = position(*file.doc, f.span.begin);
      j["end"] = position(*file.doc, f.span.end);
      j["message"] = without_prefix(f.message, root);
      for (const RelatedSpan& r : f.related) {
        const Document* in = file.doc.get();
        for (const FileReport& other : run.files)
          if (!r.path.empty() && other.doc->path() == r.path) in = other.doc.get();
        j["related"].push_back({{"file", relative_to(in->path(), root)},
                                {"start", position(*in, r.span.begin)},
                                {"message", r.message}});
      }
      list.push_back(j);
    }
  return list;
}

// A multi-file case with a `fixed*/` directory: `infralint fix --unsafe-fixes` on a copy of the
// case (the real binary: stack rules' fixes need the run that sees every file) must give every
// file of `fixed*/` byte for byte, and change nothing else.
void check_directory_fix(const std::string& id, const FixtureCase& c) {
  testing::TempDir tmp;
  fs::path work = tmp.path / "case";
  fs::copy(c.bad, work, fs::copy_options::recursive);
  auto run = testing::run_shell(testing::shell_quote(INFRALINT_BINARY) +
                                " fix --isolated --unsafe-fixes --select " + id + " " +
                                testing::shell_quote(work.string()) + " 2>&1");
  CAPTURE(run.out);
  for (const auto& entry : fs::recursive_directory_iterator(c.bad)) {
    if (!entry.is_regular_file()) continue;
    fs::path relative = fs::relative(entry.path(), c.bad);
    fs::path want = fs::exists(c.fixed / relative) ? c.fixed / relative : entry.path();
    CHECK_MESSAGE(read_file(work / relative) == read_file(want),
                  id << ": fixing " << c.bad.filename() << " gives a different " << relative);
  }
}

void check_directory_case(const RuleMeta& meta, const FixtureCase& c) {
  std::string id(meta.id);
  REQUIRE_MESSAGE(fs::exists(c.expected), "missing " << c.expected);
  nlohmann::json expected = nlohmann::json::parse(read_file(c.expected));
  RunResult run = lint_directory(c.bad, id);
  CHECK_MESSAGE(run.errors.empty(),
                id << ": " << c.bad << ": " << (run.errors.empty() ? "" : run.errors.front().message));
  nlohmann::json actual = describe_run(run, c.bad);
  if (std::getenv("INFRALINT_UPDATE_EXPECTED")) {
    expected["findings"] = actual;
    std::ofstream(c.expected) << expected.dump(2) << '\n';
  }
  CHECK_MESSAGE(!actual.empty(), id << " does not fire on " << c.bad);
  CHECK_MESSAGE(actual == expected["findings"],
                id << " on " << c.bad.filename() << ": expected " << expected["findings"].dump(2)
                   << "\nactual " << actual.dump(2));
  if (fs::is_directory(c.fixed)) check_directory_fix(id, c);
}

void check_case(const RuleMeta& meta, const FixtureCase& c) {
  std::string id(meta.id);
  REQUIRE_MESSAGE(fs::exists(c.expected), "missing " << c.expected);
  nlohmann::json expected = nlohmann::json::parse(read_file(c.expected));
  PinnedToday pinned(expected);
  std::string bad_text = read_file(c.bad);
  Kind kind = fixture_kind(expected, c.bad, bad_text);
  REQUIRE_MESSAGE(kind != Kind::unknown, "cannot tell the kind of " << c.bad);

  Linted on_bad = lint_fixture(c.bad, kind, id);
  nlohmann::json actual = describe(on_bad);
  if (std::getenv("INFRALINT_UPDATE_EXPECTED")) {
    expected["findings"] = actual;
    std::ofstream(c.expected) << expected.dump(2) << '\n';
  }
  CHECK_MESSAGE(!on_bad.findings.empty(), id << " does not fire on " << c.bad);
  CHECK_MESSAGE(actual == expected["findings"],
                id << " on " << c.bad.filename() << ": expected " << expected["findings"].dump(2)
                   << "\nactual " << actual.dump(2));

  std::size_t with_fix = std::count_if(on_bad.findings.begin(), on_bad.findings.end(),
                                       [](const Finding& f) { return f.fix.has_value(); });
  bool has_fixed = fs::exists(c.fixed);
  if (meta.fix == FixAvailability::none) {
    CHECK_MESSAGE(with_fix == 0, id << " declares no fix but attaches one");
    CHECK_MESSAGE(!has_fixed, id << " declares no fix but has " << c.fixed);
    return;
  }
  if (meta.fix == FixAvailability::always)
    CHECK_MESSAGE(with_fix == on_bad.findings.size(), id << " declares a fix on every finding");
  // A case of a `sometimes` rule whose findings carry no fix has no fixed file: a "fixed" file
  // that is the bad one again would claim a fix (and a valid file) that does not exist.
  if (with_fix == 0) {
    CHECK_MESSAGE(!has_fixed, id << ": no finding of " << c.bad.filename() << " has a fix, so "
                                 << c.fixed.filename() << " should not exist");
    return;
  }
  REQUIRE_MESSAGE(has_fixed, "missing " << c.fixed);

  FixOptions options{true, fixture_config(c.bad.parent_path(), id)};
  FixOutcome outcome = fix_text(c.bad.string(), kind, bad_text, options);
  std::string fixed_text = read_file(c.fixed);
  CHECK_MESSAGE(outcome.text == fixed_text, id << " fix of " << c.bad.filename()
                                               << " differs from " << c.fixed.filename()
                                               << ":\n--- got\n" << outcome.text << "\n--- want\n"
                                               << fixed_text);
  CHECK_MESSAGE(outcome.problems.empty(), id << ": " << testing::first_or_empty(outcome.problems));

  FixOutcome again = fix_text(c.fixed.string(), kind, fixed_text, options);
  CHECK_MESSAGE(!again.changed(), id << " fix does not converge: fixing fixed.* changes it");

  Document reparsed(c.fixed.string(), fixed_text, kind);
  parse_document(reparsed);
  CHECK_MESSAGE(reparsed.errors().size() <= on_bad.doc->errors().size(),
                id << ": " << c.fixed << " does not parse: " << reparsed.errors().front().message);

  // A rule whose fix is to delete a suppression comment is the one exception to keeping them.
  if (meta.id == "meta/unused-suppression" || meta.id == "meta/expired-suppression") return;
  auto before = comment_lines(bad_text);
  auto after = comment_lines(fixed_text);
  for (const auto& line : before)
    CHECK_MESSAGE(std::count(after.begin(), after.end(), line) >=
                      std::count(before.begin(), before.end(), line),
                  id << ": the fix lost the comment `" << line << "`");
}

}  // namespace

TEST_CASE("fixtures: every rule fires on bad, is silent on good, fixes bad into fixed") {
  for (const auto& rule : Registry::instance().rules()) {
    const RuleMeta& meta = rule->meta();
    CAPTURE(meta.id);
    fs::path dir = fixtures_dir() / std::string(meta.id);
    REQUIRE_MESSAGE(fs::is_directory(dir), "missing fixture folder " << dir);
    auto cases = cases_in(dir);
    auto goods = goods_in(dir);
    CHECK_MESSAGE(!cases.empty(), "no bad.* in " << dir);
    CHECK_MESSAGE(!goods.empty(), "no good.* in " << dir);
    std::size_t fixable_cases = 0;
    for (const auto& c : cases) {
      if (fs::is_directory(c.bad)) {
        check_directory_case(meta, c);
        fixable_cases += fs::is_directory(c.fixed);
        continue;
      }
      check_case(meta, c);
      fixable_cases += fs::exists(c.fixed);
    }
    if (meta.fix != FixAvailability::none)
      CHECK_MESSAGE(fixable_cases > 0, meta.id << " declares fixes but no case shows one");
    for (const auto& good : goods) {
      if (fs::is_directory(good)) {
        RunResult run = lint_directory(good, std::string(meta.id));
        nlohmann::json found = describe_run(run, good);
        CHECK_MESSAGE(found.empty(), meta.id << " fires on " << good << ": " << found.dump(2));
        continue;
      }
      std::string text = read_file(good);
      Kind kind = good_kind(good, text);
      Linted on_good = lint_fixture(good, kind, std::string(meta.id));
      CHECK_MESSAGE(on_good.findings.empty(),
                    meta.id << " fires on " << good << ": " << describe(on_good).dump(2));
    }
  }
}
