#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/label_schema.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
With a label schema configured, a label of the schema that the final image does not set (its
last stage and the stages it is built FROM are searched; labels of base images are not known
here). Reported at the final stage's `FROM`. Without a schema the rule reports nothing.

```yaml
# .infralint.yaml
settings:
  label-schema:
    org.opencontainers.image.source: url
    org.opencontainers.image.revision: hash
    maintainer: email
```

## Why it matters
Registries, scanners and incident responders read these labels to find the source, the commit
and the owner of a running image.

## Example
```dockerfile
FROM alpine:3.20
LABEL maintainer="ops@example.com"
```

## Fixed
```dockerfile
FROM alpine:3.20
LABEL maintainer="ops@example.com" \
      org.opencontainers.image.source="https://github.com/example/app"
```

No automatic fix: the values are facts of your build.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/missing-schema-label",
    .title = "Label required by the label schema is missing",
    .severity = Severity::info,
    .categories = {Category::compliance},
    .aliases = {"hadolint:DL3049"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class MissingSchemaLabel final : public DockerfileRule {
 public:
  MissingSchemaLabel() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    const RuleOptions::Table* schema = sink.settings().table(kLabelSchemaOption);
    if (!schema || file.stages.empty()) return;
    auto labels = final_image_labels(file);
    const dockerfile::Instruction& from = file.instructions[file.stages.back().from];
    for (const auto& [label, type] : *schema) {
      // Captured by name: clang before 16 cannot capture a structured binding.
      const std::string& wanted = label;
      bool present = std::any_of(labels.begin(), labels.end(), [&](const dockerfile::KeyValue* kv) {
        return kv->key.value == wanted;
      });
      if (!present)
        sink.report(from.span, fmt::format("the final image has no label `{}` ({} in the label "
                                           "schema); add `LABEL {}=…`",
                                           label, type, label));
    }
  }
};

INFRALINT_REGISTER_RULE(MissingSchemaLabel);

}  // namespace
}  // namespace infralint
