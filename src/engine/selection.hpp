#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/rule.hpp"

namespace infralint {

// Which rules run. An entry matches a rule id, a domain (`dockerfile`), a category
// (`security`), a compliance tag prefix (`CIS-Docker-1.6`) or a peer alias (`DL3007`,
// `hadolint:DL3007`). The profile decides the starting set (`recommended`: every rule that
// is not opt-in); a non-empty `select` replaces it, `extend_select` adds to it, `ignore`
// removes. An opt-in rule runs only when named (see RuleMeta::opt_in).
struct RuleSelection {
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::vector<std::string> extend_select;
  std::string profile;  // empty: recommended

  bool allows(const RuleMeta& rule) const;
};

bool selector_matches(const std::string& selector, const RuleMeta& rule);

// The profiles, each a starting set of rules: recommended, strict, minimal, cis-docker,
// pss-baseline, pss-restricted, nsa-cisa.
const std::vector<std::string_view>& profile_names();
bool is_profile(std::string_view name);
bool profile_includes(std::string_view profile, const RuleMeta& rule);

}  // namespace infralint
