#include "policy_support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "engine/runner.hpp"
#include "model/adapters.hpp"
#include "parse/detect.hpp"
#include "parse/document_parser.hpp"

namespace infralint::testing {

std::vector<std::string> run_policies(std::string_view policy_yaml, const std::string& file_name,
                                      const std::string& text) {
  policy::PolicySet set;
  auto errors = policy::load_policy_text("policy.yaml", policy_yaml, set);
  for (const auto& e : errors) FAIL_CHECK(e.to_string());
  REQUIRE(errors.empty());
  Kind kind = detect_kind(file_name, text);
  REQUIRE_MESSAGE(kind != Kind::unknown, "cannot tell the kind of " << file_name);
  Document doc(file_name, text, kind);
  parse_document(doc);
  build_model(doc);
  std::vector<std::string> out;
  for (policy::Policy& p : set.policies) {
    auto rule = policy::make_policy_rule(std::move(p));
    if (!rule->applies_to(kind)) continue;
    std::vector<Finding> findings;
    FindingSink sink(rule->meta(), findings);
    rule->check(doc, sink);
    sort_findings(findings);
    for (const Finding& f : findings) {
      Position a = doc.lines().position(f.span.begin), b = doc.lines().position(f.span.end);
      out.push_back(fmt::format("{}:{}-{}:{} {}: {}", a.line, a.column, b.line, b.column, f.rule_id,
                                f.message));
    }
  }
  return out;
}

std::vector<std::string> policy_errors(std::string_view policy_yaml) {
  policy::PolicySet set;
  std::vector<std::string> out;
  for (const auto& e : policy::load_policy_text("policy.yaml", policy_yaml, set))
    out.push_back(fmt::format("{}:{}: {}", e.line, e.column, e.message));
  return out;
}

}  // namespace infralint::testing
