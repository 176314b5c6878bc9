#pragma once
// User policies: YAML files in a small declarative language over the model and the documents,
// turned into rules (`policy/<id>`) registered before a run.
#include <cstddef>
#include <string>
#include <vector>

#include "engine/rule.hpp"
#include "policy/language.hpp"

namespace infralint::policy {

// A mistake in a policy file, at its line and column (1-based).
struct PolicyError {
  std::string file;
  std::size_t line = 1;
  std::size_t column = 1;
  std::string message;
  // "file:line:column: error: message", as compilers write it.
  std::string to_string() const;
};

// Policies loaded so far, from one or more files.
struct PolicySet {
  std::vector<Policy> policies;
};

// Reads the policies of one file into `out`. Every mistake is returned with its position; a
// policy with a mistake is left out, the others are kept. An unreadable file is one error.
std::vector<PolicyError> load_policy_file(const std::string& path, PolicySet& out);
// The same from text already read; `path` names it in errors. With `in_config`, the text is a
// configuration file (`.infralint.yaml`): only its `policies:` list is read, other top-level
// keys are the config reader's, and string items (policy file paths) are left to it.
std::vector<PolicyError> load_policy_text(const std::string& path, std::string_view text,
                                          PolicySet& out, bool in_config = false);

// A rule that runs one policy. It owns the strings its RuleMeta views.
std::unique_ptr<Rule> make_policy_rule(Policy policy);

// Registers each policy as a rule in the Registry, before a run (not thread-safe). Returns an
// error for a policy whose id is already registered (a file given twice), which is skipped.
std::vector<PolicyError> register_policies(PolicySet&& set);

}  // namespace infralint::policy
