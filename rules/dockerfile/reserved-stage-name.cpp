#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A stage named `scratch` or `context` (in any case).

## Why it matters
Both names mean something to BuildKit: `scratch` is the empty image and `context` the build
context. A stage that takes one of them makes `FROM scratch` or `COPY --from=context` ambiguous,
and BuildKit warns about it.

## Example
```dockerfile
FROM alpine:3.20 AS scratch
```

## Fixed
```dockerfile
FROM alpine:3.20 AS workspace
```

No automatic fix: the new name is yours to choose, and references must follow it.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/reserved-stage-name",
    .title = "Stage name is reserved",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL3063", "buildkit:ReservedStageName"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class ReservedStageName final : public DockerfileRule {
 public:
  ReservedStageName() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      if (!stage.name) continue;
      for (std::string_view reserved : {"scratch", "context"}) {
        if (!same_stage_name(stage.name->value, reserved)) continue;
        sink.report(stage.name->span,
                    fmt::format("`{}` is reserved by BuildKit ({}); choose another stage name",
                                stage.name->value,
                                reserved == "scratch" ? "the empty image" : "the build context"));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(ReservedStageName);

}  // namespace
}  // namespace infralint
