#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/label_schema.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
With a label schema configured, a `LABEL` value that is empty or not of its label's type:
`url` (scheme and host), `semver` (`1.2.3`, `v1.2.3-rc.1`), `hash` (a git commit: 7–40 or 64
hex digits), `rfc3339` (`2026-11-27T10:00:00Z`), `spdx` (license ids and `AND`/`OR`/`WITH`
expressions), `email`; `text` accepts anything non-empty. Values with a build argument that
has no known value are not judged.

## Why it matters
Tools parse these labels: a revision that is not a commit or a source that is not a URL breaks
provenance lookups silently.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="github.com/example/app"
```

## Fixed
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/example/app"
```

No automatic fix: the right value is a fact of your build.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/invalid-label-value",
    .title = "Label value does not match its type in the label schema",
    .severity = Severity::warning,
    .categories = {Category::compliance, Category::correctness},
    .aliases = {"hadolint:DL3051", "hadolint:DL3052", "hadolint:DL3053", "hadolint:DL3054",
                "hadolint:DL3055", "hadolint:DL3056", "hadolint:DL3058"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class InvalidLabelValue final : public DockerfileRule {
 public:
  InvalidLabelValue() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    const RuleOptions::Table* schema = sink.settings().table(kLabelSchemaOption);
    if (!schema) return;
    for_each_instruction(file, dockerfile::Keyword::label, [&](const dockerfile::Instruction& ins) {
      for (const dockerfile::KeyValue& kv : ins.pairs) {
        auto entry = schema->find(kv.key.value);
        if (entry == schema->end()) continue;
        auto type = parse_label_type(entry->second);
        if (!type) continue;
        std::string value = kv.value ? kv.value->value : std::string();
        if (kv.value && kv.value->raw.find('$') != std::string::npos) continue;  // a variable
        if (label_value_valid(*type, value)) continue;
        Span at = kv.value ? kv.value->span : kv.key.span;
        if (value.empty())
          sink.report(at, fmt::format("label `{}` is empty; the schema wants a {}", kv.key.value,
                                      entry->second));
        else
          sink.report(at, fmt::format("label `{}` is `{}`, which is not a valid {}", kv.key.value,
                                      value, entry->second));
      }
    });
  }
};

INFRALINT_REGISTER_RULE(InvalidLabelValue);

}  // namespace
}  // namespace infralint
