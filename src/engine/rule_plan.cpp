#include "engine/rule_plan.hpp"

namespace infralint {

RulePlan plan_rules(const LintConfig& config, Kind kind, const std::set<std::string_view>& also) {
  RulePlan plan;
  for (const auto& rule : Registry::instance().rules())
    if (rule->applies_to(kind) &&
        (config.selection.allows(rule->meta()) || also.contains(rule->meta().id)))
      plan.steps.push_back({rule.get(), &config.options_for(rule->meta().id)});
  return plan;
}

const RulePlan& RulePlans::of(const LintConfig& config, Kind kind) {
  std::lock_guard lock(mutex_);
  auto [it, added] = plans_.try_emplace({&config, kind});
  if (added) it->second = plan_rules(config, kind);
  return it->second;  // a map's values stay put while others are added
}

}  // namespace infralint
