#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`).

## Why it matters
A stage is built for the target platform by default: the flag says nothing and makes the reader
wonder what it changes.

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM alpine:3.20
```

## Fixed
```dockerfile
FROM alpine:3.20
```

The fix removes the flag. It is safe: BuildKit builds the stage for the same platform.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/redundant-target-platform",
    .title = "FROM --platform=$TARGETPLATFORM is redundant",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL3065", "buildkit:RedundantTargetPlatform"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class RedundantTargetPlatform final : public DockerfileRule {
 public:
  RedundantTargetPlatform() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    std::string_view text = doc.text();
    for (const dockerfile::Stage& stage : file.stages) {
      if (!stage.platform) continue;
      const std::string& value = stage.platform->value;
      if (value != "$TARGETPLATFORM" && value != "${TARGETPLATFORM}") continue;
      Span flag = stage.platform->span;
      std::size_t end = flag.end;
      while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
      sink.report(flag, "the stage is built for the target platform anyway; remove the flag",
                  Fix{"Remove `--platform=$TARGETPLATFORM`", {{{flag.begin, end}, ""}},
                      Applicability::safe});
    }
  }
};

INFRALINT_REGISTER_RULE(RedundantTargetPlatform);

}  // namespace
}  // namespace infralint
