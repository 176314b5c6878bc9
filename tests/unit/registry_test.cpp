// The registry's invariants: ids well-formed and unique, each rule's file and fixture folder
// where its id says, every fixture folder owned by a rule, metadata and docs complete.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "engine/rule.hpp"
#include "fixture_support.hpp"

namespace fs = std::filesystem;
using namespace infralint;
using infralint::testing::fixtures_dir;
using infralint::testing::source_dir;

TEST_CASE("registry: ids are well-formed, unique, and name their file and fixtures") {
  const auto& rules = Registry::instance().rules();
  REQUIRE(rules.size() >= 10);
  std::regex id_shape(
      "(dockerfile|compose|kubernetes|nginx|railway|prometheus|container|stack|meta)/"
      "[a-z0-9]+(-[a-z0-9]+)*");
  std::set<std::string> ids;
  for (const auto& rule : rules) {
    const RuleMeta& m = rule->meta();
    std::string id(m.id);
    CAPTURE(id);
    CHECK(std::regex_match(id, id_shape));
    CHECK_MESSAGE(ids.insert(id).second, "duplicate rule id " << id);
    CHECK_MESSAGE(fs::exists(source_dir() / "rules" / (id + ".cpp")),
                  "rule " << id << " is not in rules/" << id << ".cpp");
    CHECK_MESSAGE(fs::is_directory(fixtures_dir() / id), "no fixture folder for " << id);
  }
  for (const auto& domain : fs::directory_iterator(fixtures_dir())) {
    // stacks: whole example stacks; railway-migrate: `migrate railway` golden files;
    // policies: the custom policy examples (tests/unit/policy_examples_test.cpp); reports: the
    // golden audit reports (tests/unit/audit_report_test.cpp).
    if (!domain.is_directory() || domain.path().filename() == "stacks" ||
        domain.path().filename() == "railway-migrate" || domain.path().filename() == "policies" ||
        domain.path().filename() == "reports")
      continue;
    for (const auto& slug : fs::directory_iterator(domain.path())) {
      std::string id = domain.path().filename().string() + "/" + slug.path().filename().string();
      CHECK_MESSAGE(ids.count(id), "fixture folder " << slug.path() << " has no rule");
    }
  }
}

TEST_CASE("registry: metadata and docs are complete") {
  const std::set<std::string> peers{"hadolint", "buildkit", "trivy", "checkov", "kics",
                                    "dclint", "kube-linter", "kube-score", "polaris", "pss",
                                    "gixy", "pint", "promtool"};
  for (const auto& rule : Registry::instance().rules()) {
    const RuleMeta& m = rule->meta();
    CAPTURE(m.id);
    CHECK(!m.title.empty());
    CHECK(!m.categories.empty());
    CHECK(!m.kinds.empty());
    for (std::string_view section : {"## What it finds", "## Why it matters", "## Example",
                                     "## Fixed"})
      CHECK_MESSAGE(m.docs.find(section) != std::string_view::npos,
                    m.id << " docs lack " << section);
    for (std::string_view alias : m.aliases) {
      auto colon = alias.find(':');
      REQUIRE_MESSAGE(colon != std::string_view::npos, "alias without peer: " << alias);
      CHECK_MESSAGE(peers.count(std::string(alias.substr(0, colon))),
                    "unknown peer in alias " << alias);
      CHECK(colon + 1 < alias.size());
    }
  }
}

TEST_CASE("registry: peer ids resolve to rules") {
  auto by_code = Registry::instance().resolve("DL3007");
  REQUIRE(by_code.size() == 1);
  CHECK(by_code.front()->meta().id == "dockerfile/base-image-latest");
  CHECK(Registry::instance().resolve("hadolint:DL3007").size() == 1);
  CHECK(Registry::instance().resolve("no-such-rule").empty());
}

TEST_CASE("registry: a rule applies to exactly the kinds its metadata lists") {
  // Rules keep their kinds as bits, taken from the metadata when registered (static
  // initialisation): every rule must see the same kinds its metadata lists.
  for (const auto& rule : Registry::instance().rules()) {
    CAPTURE(rule->meta().id);
    CHECK_FALSE(rule->meta().kinds.empty());
    for (Kind kind : {Kind::unknown, Kind::dockerfile, Kind::compose, Kind::kubernetes,
                      Kind::nginx, Kind::railway, Kind::prometheus_rules,
                      Kind::prometheus_config}) {
      bool listed = std::find(rule->meta().kinds.begin(), rule->meta().kinds.end(), kind) !=
                    rule->meta().kinds.end();
      CHECK(rule->applies_to(kind) == listed);
    }
  }
}

#include "engine/rule_plan.hpp"

TEST_CASE("registry: a run's plan for a kind is the rules that apply and that are selected") {
  std::vector<LintConfig> configs(5);
  configs[1].selection.profile = "strict";
  configs[2].selection.select = {"dockerfile/"};
  configs[3].selection.ignore = {"container/"};
  configs[4].selection.profile = "pss-restricted";
  configs[4].rule_options["dockerfile/image-tag-latest"] = RuleOptions{};
  RulePlans plans;
  for (const LintConfig& config : configs)
    for (Kind kind : {Kind::dockerfile, Kind::compose, Kind::kubernetes, Kind::nginx,
                      Kind::railway, Kind::prometheus_rules, Kind::prometheus_config}) {
      std::vector<RulePlan::Step> expected;
      for (const auto& rule : Registry::instance().rules())
        if (rule->applies_to(kind) && config.selection.allows(rule->meta()))
          expected.push_back({rule.get(), &config.options_for(rule->meta().id)});
      const RulePlan& plan = plans.of(config, kind);
      CAPTURE(to_string(kind));
      REQUIRE(plan.steps.size() == expected.size());
      for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(plan.steps[i].rule == expected[i].rule);
        CHECK(plan.steps[i].options == expected[i].options);
      }
      CHECK(&plans.of(config, kind) == &plan);  // made once
    }
  CHECK(plans.of(configs[0], Kind::dockerfile).steps.size() !=
        plans.of(configs[2], Kind::compose).steps.size());
}
