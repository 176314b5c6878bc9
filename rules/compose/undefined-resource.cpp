#include <fmt/format.h>

#include "engine/compose_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A service using a network, named volume, secret or config that the file's top-level
`networks`, `volumes`, `secrets` or `configs` does not declare. The network `default` is
always defined. Names written through interpolation are not judged, and files that other
files complete (top-level `include`, override files) are not checked.

## Why it matters
Compose rejects the project before starting anything: "service `db` refers to undefined
volume `pgdata`". A typo in a volume name would otherwise silently use a fresh anonymous
volume in some tools, losing data on the next `down`.

## Example
```yaml
services:
  db:
    image: postgres:16.4
    volumes:
      - pgdata:/var/lib/postgresql/data
```

## Fixed
```yaml
services:
  db:
    image: postgres:16.4
    volumes:
      - pgdata:/var/lib/postgresql/data
volumes:
  pgdata:
```

No automatic fix: declaring the resource may hide a typo.
)md";

const RuleMeta kMeta{
    .id = "compose/undefined-resource",
    .title = "Network, volume, secret or config used but not declared",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class UndefinedResource final : public ComposeRule {
 public:
  UndefinedResource() : ComposeRule(kMeta) {}

 protected:
  void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const override {
    if (file.partial(doc.path())) return;
    for (ComposeResource r : {ComposeResource::network, ComposeResource::volume,
                              ComposeResource::secret, ComposeResource::config}) {
      const yaml::Node* declared = file.section(section_name(r));
      for (const ResourceUse& use : resource_uses(file, r)) {
        if (r == ComposeResource::network && use.name == "default") continue;
        if (declared && declared->get(use.name)) continue;
        sink.report(use.span,
                    fmt::format("service `{}` uses {} `{}`, which the top-level `{}` does not "
                                "declare; declare it or correct the name",
                                use.service, singular(r), use.name, section_name(r)));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(UndefinedResource);

}  // namespace
}  // namespace infralint
