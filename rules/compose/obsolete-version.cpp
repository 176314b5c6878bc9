#include "engine/compose_rule.hpp"
#include "fix/yaml_writer.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A top-level `version` key (`version: '3.8'`).

## Why it matters
The Compose Specification marks `version` as obsolete: Compose v2 ignores it and warns
"the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential
confusion". It suggests a file format (and its limits) that no longer applies.

## Example
```yaml
version: '3.8'
services:
  web:
    image: nginx:1.27
```

## Fixed
```yaml
services:
  web:
    image: nginx:1.27
```

Safe fix: the key and its line are removed; comments on other lines stay.
)md";

const RuleMeta kMeta{
    .id = "compose/obsolete-version",
    .title = "Obsolete top-level `version`",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"dclint:no-version-field"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class ObsoleteVersion final : public ComposeRule {
 public:
  ObsoleteVersion() : ComposeRule(kMeta) {}

 protected:
  void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const override {
    const yaml::Pair* version = file.root.pair("version");
    if (!version || version->merged) return;
    auto edit = yaml_edit::remove_pair(doc.text(), file.stream, file.root, "version");
    std::string message =
        "the top-level `version` is obsolete: Compose ignores it and warns; remove it";
    if (!edit) {
      sink.report(version->key->span, message);
      return;
    }
    sink.report(version->key->span, message, Fix{"Remove `version`", {*edit}, Applicability::safe});
  }
};

INFRALINT_REGISTER_RULE(ObsoleteVersion);

}  // namespace
}  // namespace infralint
