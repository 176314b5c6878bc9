#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_casing.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A build stage named with capital letters (`FROM golang AS Builder`).

## Why it matters
BuildKit lowercases stage names, so `Builder`, `builder` and `BUILDER` are one stage: mixed-case
names suggest a distinction that does not exist and read differently from their references.
BuildKit check: [StageNameCasing](https://docs.docker.com/go/dockerfile/rule/stage-name-casing/).

## Example
```dockerfile
FROM golang:1.22 AS Builder
FROM alpine:3.20
COPY --from=Builder /out/app /app
```

## Fixed
```dockerfile
FROM golang:1.22 AS builder
FROM alpine:3.20
COPY --from=builder /out/app /app
```

The fix is safe: it lowercases the name and every reference to it (`FROM <stage>`,
`COPY --from=`, `RUN --mount=from=`), which BuildKit already matches case-insensitively. It is
offered when every reference is written literally on one line.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/stage-name-casing",
    .title = "Stage name is not lowercase",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"buildkit:StageNameCasing"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class StageNameCasing final : public DockerfileRule {
 public:
  StageNameCasing() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      if (!stage.name) continue;
      std::string lower = ascii_lower(stage.name->value);
      if (lower == stage.name->value) continue;
      auto& finding = sink.report(
          stage.name->span, fmt::format("Stage name '{}' should be lowercase ('{}'): BuildKit "
                                        "matches stage names case-insensitively",
                                        stage.name->value, lower));
      if (doc.slice(stage.name->span) != stage.name->value) continue;
      std::vector<Edit> edits{{stage.name->span, lower}};
      bool literal = true;
      for (const StageReference& ref : stage_references(doc, file, stage.name->value)) {
        literal = literal && ref.literal;
        edits.push_back({ref.span, lower});
      }
      if (literal)
        finding.fix = Fix{fmt::format("Rename stage '{}' to '{}'", stage.name->value, lower),
                          std::move(edits), Applicability::safe};
    }
  }
};

INFRALINT_REGISTER_RULE(StageNameCasing);

}  // namespace
}  // namespace infralint
