#pragma once
#include <string>
#include <vector>

#include "engine/rule.hpp"

namespace infralint {

// Which rules run. An entry matches a rule id, a domain (`dockerfile`), a category
// (`security`), a compliance tag prefix (`CIS-Docker-1.6`) or a peer alias (`DL3007`,
// `hadolint:DL3007`). An empty `select` means every rule that is not opt-in; an opt-in rule
// runs only when named (see RuleMeta::opt_in).
struct RuleSelection {
  std::vector<std::string> select;
  std::vector<std::string> ignore;

  bool allows(const RuleMeta& rule) const;
};

bool selector_matches(const std::string& selector, const RuleMeta& rule);

}  // namespace infralint
