#include <fmt/format.h>

#include <algorithm>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A network, volume, secret or config declared at the top level that no service of the file
uses. Files that other files complete (top-level `include`, override files) are not checked,
nor is the network `default`.

## Why it matters
Left-overs of removed services: Compose still creates the networks and volumes, which costs
little but misleads readers about what the stack needs (an unused secret suggests a service
reads it).

## Example
```yaml
services:
  web:
    image: nginx:1.27
volumes:
  old-data:
```

## Fixed
```yaml
services:
  web:
    image: nginx:1.27
```

No automatic fix: the declaration may be meant for a service still to come, or the use may be
missing by mistake.
)md";

const RuleMeta kMeta{
    .id = "compose/unused-resource",
    .title = "Network, volume, secret or config declared but never used",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class UnusedResource final : public ComposeRule {
 public:
  UnusedResource() : ComposeRule(kMeta) {}

 protected:
  void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const override {
    if (file.partial(doc.path()) || file.services().empty()) return;
    for (ComposeResource r : {ComposeResource::network, ComposeResource::volume,
                              ComposeResource::secret, ComposeResource::config}) {
      const yaml::Node* declared = file.section(section_name(r));
      if (!declared) continue;
      auto uses = resource_uses(file, r);
      for (const yaml::Pair& p : declared->pairs) {
        auto name = scalar_text(p.key);
        if (!name || p.merged || name->starts_with("x-") ||
            (r == ComposeResource::network && *name == "default"))
          continue;
        bool used = std::any_of(uses.begin(), uses.end(),
                                [&](const ResourceUse& u) { return u.name == *name; });
        if (used) continue;
        sink.report(p.key->span, fmt::format("{} `{}` is declared but no service uses it; remove "
                                             "it or attach it to the service that needs it",
                                             singular(r), *name));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(UnusedResource);

}  // namespace
}  // namespace infralint
