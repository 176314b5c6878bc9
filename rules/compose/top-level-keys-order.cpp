#include <fmt/format.h>

#include <array>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Top-level keys not in dclint's order (`top-level-properties-order`): `x-` extensions
(alphabetically) → `version` → `name` → `include` → `services` → `networks` → `volumes` →
`secrets` → `configs`; other keys (`models`) follow in their written order. Opt-in style rule.

## Why it matters
Only readability: extensions (usually anchors) come first so that aliases follow them, and
every file of a repository reads the same way.

## Example
```yaml
volumes:
  data:
services:
  db:
    image: postgres:16.4
```

## Fixed
```yaml
services:
  db:
    image: postgres:16.4
volumes:
  data:
```

Safe fix: sections move as whole blocks with the comment lines directly above them. No fix
when anchors or aliases are involved.
)md";

const RuleMeta kMeta{
    .id = "compose/top-level-keys-order",
    .title = "Top-level keys not in the conventional order",
    .severity = Severity::info,
    .categories = {Category::style},
    .aliases = {"dclint:top-level-properties-order"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose},
    .docs = kDocs,
    .opt_in = true,
};

constexpr std::array<std::string_view, 8> kOrder{"version",  "name",    "include", "services",
                                                 "networks", "volumes", "secrets", "configs"};

std::string rank(const std::string& key) {
  if (key.starts_with("x-")) return "0" + key;
  for (std::size_t i = 0; i < kOrder.size(); ++i)
    if (kOrder[i] == key) return fmt::format("1{:02}", i);
  return "2";
}

class TopLevelKeysOrder final : public ComposeRule {
 public:
  TopLevelKeysOrder() : ComposeRule(kMeta) {}

 protected:
  void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const override {
    std::vector<std::string> keys;
    for (const yaml::Pair& p : file.root.pairs)
      keys.push_back(rank(scalar_text(p.key).value_or("")));
    report_unsorted(doc, file, sink, file.root, keys,
                    "top-level keys are not in the conventional order (x- extensions, version, "
                    "name, include, services, networks, volumes, secrets, configs)");
  }
};

INFRALINT_REGISTER_RULE(TopLevelKeysOrder);

}  // namespace
}  // namespace infralint
