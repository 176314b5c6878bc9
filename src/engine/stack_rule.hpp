#pragma once
#include <functional>
#include <string>
#include <vector>

#include "engine/lint_config.hpp"
#include "engine/rule.hpp"
#include "model/stack/stack.hpp"

namespace infralint {

// Collects one stack rule's findings. Each finding belongs to the REFERRING document's report,
// where it then passes through exactly what per-file findings do (selection, suppressions,
// severities, per-file ignores, baselines); the other end goes to `related` with its path.
class StackSink {
 public:
  using ConfigFor = std::function<const LintConfig&(std::size_t doc)>;
  StackSink(const RuleMeta& rule, const stack::Stack& stack,
            std::vector<std::vector<Finding>>& per_document, ConfigFor config)
      : rule_(rule), stack_(stack), out_(per_document), config_(std::move(config)) {}

  Finding& report(const stack::End& at, std::string message);
  // Adds the other end (in its own file) to a finding.
  void relate(Finding& f, const stack::End& other, std::string message) const;
  // "; did you mean `x` (file:line)?" when the edge names a close known name, else `otherwise`.
  std::string suggestion_hint(const stack::Edge& e, std::string_view otherwise) const;
  // Relates the finding to where the suggested name is defined, when the stack holds it.
  void relate_suggestion(Finding& f, const stack::Edge& e, std::string message) const;
  // The rule's options in the configuration of document `doc` (the referring file).
  const RuleOptions& options(std::size_t doc) const { return config_(doc).options_for(rule_.id); }
  // Whether `name` lives outside this repository for the referring document `doc`: listed by
  // the rule's `external-services` option or the `external-services` setting.
  bool external(std::size_t doc, std::string_view name) const;
  const RuleMeta& rule() const { return rule_; }

 private:
  const RuleMeta& rule_;
  const stack::Stack& stack_;
  std::vector<std::vector<Finding>>& out_;
  ConfigFor config_;
};

// Base of rules that see the whole stack after every file is linted. `kinds` in the metadata
// are the kinds of the referring documents (where findings are reported).
class StackRule : public Rule {
 public:
  using Rule::Rule;
  void check(const Document&, FindingSink&) const final {}
  virtual void check(const stack::Stack& stack, StackSink& sink) const = 0;
};

// Whether the rule of this id sees the whole stack (its findings cannot be reproduced by
// linting one file alone).
bool is_stack_rule(std::string_view rule_id);

// Runs every stack rule over the stack; each document's findings land in per_document[doc]
// (the runner then keeps those its configuration selects).
void run_stack_rules(const stack::Stack& stack, std::vector<std::vector<Finding>>& per_document,
                     const StackSink::ConfigFor& config);

inline const OptionSpec kExternalServicesOption{
    "external-services", OptionType::strings,
    "Names (hosts, files, jobs) that live outside this repository: never reported missing "
    "(also the `external-services` setting, for every rule). Default: none."};

}  // namespace infralint
