#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/label_schema.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
With a label schema configured, a `LABEL` key that the schema does not list (hadolint's
`strict-labels`). Opt-in: enable it with `extend-select: [DL3050]`; without a schema it reports
nothing.

## Why it matters
A strict schema keeps labels consistent across a fleet: a misspelt
`org.opencontainers.image.sourse` is a label no tool reads.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.sourse="https://github.com/example/app"
```

## Fixed
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/example/app"
```

No automatic fix: the intended label is not certain.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/label-not-in-schema",
    .title = "Label is not in the label schema",
    .severity = Severity::info,
    .categories = {Category::compliance},
    .aliases = {"hadolint:DL3050"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
    .opt_in = true,
};

class LabelNotInSchema final : public DockerfileRule {
 public:
  LabelNotInSchema() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    const RuleOptions::Table* schema = sink.settings().table(kLabelSchemaOption);
    if (!schema) return;
    for_each_instruction(file, dockerfile::Keyword::label, [&](const dockerfile::Instruction& ins) {
      for (const dockerfile::KeyValue& kv : ins.pairs)
        if (!schema->count(kv.key.value))
          sink.report(kv.key.span,
                      fmt::format("label `{}` is not in the label schema", kv.key.value));
    });
  }
};

INFRALINT_REGISTER_RULE(LabelNotInSchema);

}  // namespace
}  // namespace infralint
