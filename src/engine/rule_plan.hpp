#pragma once
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "core/kind.hpp"
#include "engine/lint_config.hpp"
#include "engine/rule.hpp"

namespace infralint {

// The rules that run on a document of one kind under one configuration, in registry order,
// with their options. The same for every such document of a run: a run works it out once per
// kind and configuration instead of asking each of 300 rules about every document (reading
// every rule's metadata for each file was 3 % of a 10 000-file run).
struct RulePlan {
  struct Step {
    const Rule* rule;
    const RuleOptions* options;
  };
  std::vector<Step> steps;
};

// `also`: ids of rules to run though the selection leaves them out.
RulePlan plan_rules(const LintConfig& config, Kind kind,
                    const std::set<std::string_view>& also = {});

// The plans of one run, made on first use; several threads may ask at once. The
// configurations must outlive it and stay as they are.
class RulePlans {
 public:
  const RulePlan& of(const LintConfig& config, Kind kind);

 private:
  std::mutex mutex_;
  std::map<std::pair<const LintConfig*, Kind>, RulePlan> plans_;
};

}  // namespace infralint
