#include "engine/compose_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A compose file with services but no top-level `name`. Override files and files that include
others are not judged.

## Why it matters
Without `name`, the project is named after the directory the file sits in: two checkouts
(`app` and `app-old`) create separate stacks, and two projects in directories of the same name
share networks and volumes. Setting `name` makes the project stable.

## Example
```yaml
services:
  web:
    image: nginx:1.27
```

## Fixed
```yaml
name: shop
services:
  web:
    image: nginx:1.27
```

No automatic fix: the name is yours to choose. Off by default (opt-in): many stacks are meant
to be named by their directory.
)md";

const RuleMeta kMeta{
    .id = "compose/missing-project-name",
    .title = "No top-level project `name`",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"dclint:require-project-name-field"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
    .opt_in = true,
};

class MissingProjectName final : public ComposeRule {
 public:
  MissingProjectName() : ComposeRule(kMeta) {}

 protected:
  void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const override {
    if (file.root.get("name") || file.partial(doc.path())) return;
    const yaml::Pair* services = file.root.pair("services");
    if (!services) return;
    sink.report(services->key->span,
                "the file sets no top-level `name`: the project is named after its directory; "
                "add `name:` to keep it stable");
  }
};

INFRALINT_REGISTER_RULE(MissingProjectName);

}  // namespace
}  // namespace infralint
