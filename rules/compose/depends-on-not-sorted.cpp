#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A service's `depends_on` entries (list or mapping form) not in alphabetical order (dclint's
`service-dependencies-alphabetical-order`). Opt-in style rule.

## Why it matters
Only readability: a sorted list shows at a glance whether a dependency is there.

## Example
```yaml
services:
  api:
    image: example/api:1.4
    depends_on:
      - redis
      - postgres
```

## Fixed
```yaml
services:
  api:
    image: example/api:1.4
    depends_on:
      - postgres
      - redis
```

Safe fix: entries move as whole lines with the comments directly above them; the start order
does not depend on the order written.
)md";

const RuleMeta kMeta{
    .id = "compose/depends-on-not-sorted",
    .title = "`depends_on` not in alphabetical order",
    .severity = Severity::info,
    .categories = {Category::style},
    .aliases = {"dclint:service-dependencies-alphabetical-order"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose},
    .docs = kDocs,
    .opt_in = true,
};

class DependsOnNotSorted final : public ComposeRule {
 public:
  DependsOnNotSorted() : ComposeRule(kMeta) {}

 protected:
  void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* deps = svc->value->get("depends_on");
      if (!deps) continue;
      std::vector<std::string> keys;
      if (deps->is_sequence())
        for (const yaml::Node* item : deps->items) keys.push_back(scalar_text(item).value_or(""));
      else if (deps->is_mapping())
        for (const yaml::Pair& p : deps->pairs) keys.push_back(scalar_text(p.key).value_or(""));
      else
        continue;
      report_unsorted(doc, file, sink, *deps, keys,
                      fmt::format("`depends_on` of service `{}` is not in alphabetical order",
                                  svc->key->value));
    }
  }
};

INFRALINT_REGISTER_RULE(DependsOnNotSorted);

}  // namespace
}  // namespace infralint
