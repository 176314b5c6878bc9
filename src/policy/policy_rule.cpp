// A policy as a rule of the Registry: `--select`, `--ignore`, suppressions, SARIF rule metadata,
// `rules` and `explain` see it like any other.
#include <fmt/format.h>

#include <set>

#include "policy/evaluate.hpp"
#include "policy/policy.hpp"

namespace infralint::policy {
namespace {

std::string generated_docs(const Policy& p) {
  std::string docs = p.docs.empty() ? fmt::format("## What it finds\n\n{}\n", p.title) : p.docs;
  if (!docs.ends_with('\n')) docs += '\n';
  docs += fmt::format("\nA custom policy, defined in `{}` (line {}):\n\n```yaml\n{}```\n", p.file,
                      p.line, p.source);
  return docs;
}

// Holds the strings the RuleMeta views; a base class, so it is built before Rule reads it.
struct OwnedMeta {
  explicit OwnedMeta(Policy p) : policy(std::move(p)), docs(generated_docs(policy)) {
    meta.id = policy.rule_id;
    meta.title = policy.title;
    meta.severity = policy.severity;
    meta.categories = policy.categories;
    for (const std::string& c : policy.compliance) meta.compliance.push_back(c);
    meta.kinds = kinds_of(policy.target);
    meta.docs = docs;
  }
  Policy policy;
  std::string docs;
  RuleMeta meta;
};

class PolicyRule final : private OwnedMeta, public Rule {
 public:
  explicit PolicyRule(Policy p) : OwnedMeta(std::move(p)), Rule(OwnedMeta::meta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    for_each_object(doc, policy.target, WalkContext{},
                    [&](const MatchedObject& object, const WalkContext& context) {
                      check_object(object, context, sink);
                    });
  }

 private:
  void check_object(const MatchedObject& object, const WalkContext& context,
                    FindingSink& sink) const {
    if (policy.when && !evaluate(*policy.when, object.root, context).holds) return;
    Outcome outcome = evaluate(policy.require, object.root, context);
    if (outcome.holds) return;
    if (outcome.evidence.empty())
      outcome.evidence.push_back({context.anchor, "", "", "the required condition does not hold"});
    std::set<Span> reported;
    for (const Evidence& e : outcome.evidence)
      if (reported.insert(e.span).second)
        sink.report(e.span, render_message(policy, object, context, e));
  }
};

}  // namespace

std::unique_ptr<Rule> make_policy_rule(Policy policy) {
  return std::make_unique<PolicyRule>(std::move(policy));
}

std::vector<PolicyError> register_policies(PolicySet&& set) {
  std::vector<PolicyError> errors;
  Registry& registry = Registry::instance();
  for (Policy& p : set.policies) {
    if (registry.find(p.rule_id)) {
      errors.push_back(
          {p.file, p.line, 1,
           fmt::format("policy id `{}` is already defined (a policy file given twice?)", p.id)});
      continue;
    }
    registry.add(make_policy_rule(std::move(p)));
  }
  set.policies.clear();
  return errors;
}

}  // namespace infralint::policy
