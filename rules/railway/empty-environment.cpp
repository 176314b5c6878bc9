#include <fmt/format.h>

#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `environments.<name>` block that sets nothing: an empty table, or only empty `build` and
`deploy` tables.

## Why it matters
An environment block overrides the base config for deployments in that environment. An empty
one overrides nothing, so the environment deploys with the base config; usually its settings
were forgotten, misspelt as another section, or placed under the wrong environment name.

## Example
```toml
[environments.production.deploy]

[deploy]
numReplicas = 2
```

## Fixed
```toml
[environments.production.deploy]
numReplicas = 3
```

No automatic fix: what the environment should set is the author's call (remove the block if
the base config is meant).
)md";

const RuleMeta kMeta{
    .id = "railway/empty-environment",
    .title = "Environment block that overrides nothing",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

bool empty_table(const toml::Node* n) { return n && n->is_table() && n->entries.empty(); }

class EmptyEnvironment final : public RailwayRule {
 public:
  EmptyEnvironment() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    for (const railway::Section& env : config.environments) {
      if (!env.entry || !env.entry->value->is_table()) continue;
      const toml::Node& table = *env.entry->value;
      bool empty = true;
      for (const toml::Entry& e : table.entries)
        if (!empty_table(e.value)) empty = false;
      if (!empty) continue;
      sink.report(env.entry->key_span,
                  fmt::format("environment `{}` sets nothing{}, so its deployments use the base "
                              "config; add its `build`/`deploy` settings or remove the block",
                              env.environment,
                              table.entries.empty() ? "" : " (its sections are empty)"));
    }
  }
};

INFRALINT_REGISTER_RULE(EmptyEnvironment);

}  // namespace
}  // namespace infralint
