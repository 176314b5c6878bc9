#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Services not in alphabetical order (dclint's `services-alphabetical-order`). Opt-in style
rule: select it by id or with the `style` category.

## Why it matters
Only readability: in a long file a reader finds a service faster, and merges conflict less
when every file follows one order.

## Example
```yaml
services:
  web:
    image: nginx:1.27
  api:
    image: example/api:1.4
```

## Fixed
```yaml
services:
  api:
    image: example/api:1.4
  web:
    image: nginx:1.27
```

Safe fix: whole service blocks move, each with the comment lines directly above it; blank
lines between them stay. No fix when anchors or aliases are involved (an alias must follow its
anchor) or for flow mappings.
)md";

const RuleMeta kMeta{
    .id = "compose/services-not-sorted",
    .title = "Services not in alphabetical order",
    .severity = Severity::info,
    .categories = {Category::style},
    .aliases = {"dclint:services-alphabetical-order"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose},
    .docs = kDocs,
    .opt_in = true,
};

class ServicesNotSorted final : public ComposeRule {
 public:
  ServicesNotSorted() : ComposeRule(kMeta) {}

 protected:
  void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const override {
    const yaml::Node* services = file.section("services");
    if (!services) return;
    std::vector<std::string> keys;
    for (const yaml::Pair& p : services->pairs) keys.push_back(scalar_text(p.key).value_or(""));
    report_unsorted(doc, file, sink, *services, keys,
                    "services are not in alphabetical order; sort them");
  }
};

INFRALINT_REGISTER_RULE(ServicesNotSorted);

}  // namespace
}  // namespace infralint
