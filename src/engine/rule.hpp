#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/finding.hpp"
#include "core/kind.hpp"
#include "core/severity.hpp"
#include "engine/rule_options.hpp"

namespace infralint {

// `style` rules are opinions about form (key order, quoting): always opt-in.
enum class Category { security, compliance, reliability, performance, cost, correctness, style };
std::string_view to_string(Category c);

// Whether a rule attaches fixes: never, to some findings, or to every finding.
enum class FixAvailability { none, sometimes, always };
std::string_view to_string(FixAvailability f);

inline const std::vector<Kind> kEveryKind{Kind::dockerfile,       Kind::compose,
                                          Kind::kubernetes,       Kind::nginx,
                                          Kind::railway,          Kind::prometheus_rules,
                                          Kind::prometheus_config};

// Everything about a rule except its check: the single source for `rules`, `explain`, SARIF
// rule metadata and the README's rule table.
struct RuleMeta {
  std::string_view id;  // <domain>/<slug>
  std::string_view title;
  Severity severity = Severity::warning;
  std::vector<Category> categories;
  std::vector<std::string_view> compliance;  // e.g. "CIS-Docker-1.6:4.1"
  std::vector<std::string_view> aliases;     // e.g. "hadolint:DL3007"
  FixAvailability fix = FixAvailability::none;
  std::vector<Kind> kinds;  // the document kinds the rule looks at
  // Ids this rule had before a rename: still accepted wherever an id is (select, ignore,
  // explain, suppressions), so renames never break a user's configuration.
  std::vector<std::string_view> previous_ids;
  std::string_view docs;    // Markdown: what, why, example, fixed form
  // What the configuration may set for this rule (`rules: {<id>: {<name>: value}}`).
  std::vector<OptionSpec> options;
  // An opt-in rule runs only when selected by its id, an alias, or a category it has (not by
  // its domain or by a profile that lists nothing about it): style rules, noisy peer checks.
  bool opt_in = false;
};

// Collects one rule's findings on one document.
class FindingSink {
 public:
  FindingSink(const RuleMeta& rule, std::vector<Finding>& out,
              const RuleOptions& options = RuleOptions::none(),
              const RuleOptions& settings = RuleOptions::none())
      : rule_(rule), out_(out), options_(options), settings_(settings) {}
  Finding& report(Span span, std::string message);
  Finding& report(Span span, std::string message, Fix fix);
  const RuleMeta& rule() const { return rule_; }
  // This rule's options from the configuration (empty: the documented defaults).
  const RuleOptions& options() const { return options_; }
  // Settings every rule may read: `kubernetes-version`, `nginx-version`, ...
  const RuleOptions& settings() const { return settings_; }

 private:
  const RuleMeta& rule_;
  std::vector<Finding>& out_;
  const RuleOptions& options_;
  const RuleOptions& settings_;
};

class Rule {
 public:
  explicit Rule(const RuleMeta& meta);
  virtual ~Rule() = default;
  const RuleMeta& meta() const { return meta_; }
  // Asked of every rule for every document: one bit per kind, not a search of meta().kinds.
  bool applies_to(Kind kind) const { return (kinds_ >> static_cast<unsigned>(kind)) & 1u; }
  virtual void check(const Document& doc, FindingSink& sink) const = 0;

 private:
  const RuleMeta& meta_;
  std::uint32_t kinds_ = 0;  // bit k: meta().kinds holds Kind k
};

// Every rule, registered by static objects in the rule files; sorted by id once read.
class Registry {
 public:
  static Registry& instance();
  bool add(std::unique_ptr<Rule> rule);
  const std::vector<std::unique_ptr<Rule>>& rules() const;
  const Rule* find(std::string_view id) const;
  // The rules whose id is `id`, or that list `peer:id` / `id` among their aliases.
  std::vector<const Rule*> resolve(std::string_view id_or_alias) const;

 private:
  mutable std::vector<std::unique_ptr<Rule>> rules_;
  mutable bool sorted_ = false;
};

#define INFRALINT_CONCAT_INNER(a, b) a##b
#define INFRALINT_CONCAT(a, b) INFRALINT_CONCAT_INNER(a, b)
#define INFRALINT_REGISTER_RULE(Type)                                          \
  [[maybe_unused]] static const bool INFRALINT_CONCAT(registered_, __LINE__) = \
      ::infralint::Registry::instance().add(std::make_unique<Type>())

}  // namespace infralint
