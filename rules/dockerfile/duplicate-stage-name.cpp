#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A stage name (`FROM … AS name`) already used by an earlier stage. Names are compared without
regard to case, as BuildKit does.

## Why it matters
`COPY --from=name`, `FROM name` and `--target name` reach only one of the stages: the files
copied and the image built are not the ones the reader expects.

## Example
```dockerfile
FROM node:22 AS build
RUN npm ci && npm run build

FROM golang:1.23 AS build
RUN go build -o /out/api .
```

## Fixed
```dockerfile
FROM node:22 AS web-build
RUN npm ci && npm run build

FROM golang:1.23 AS api-build
RUN go build -o /out/api .
```

No automatic fix: the references to rename depend on which stage each one meant.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/duplicate-stage-name",
    .title = "Two stages have the same name",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL3024", "trivy:DS-0012", "checkov:CKV_DOCKER_11",
                "buildkit:DuplicateStageName", "kics:Same Alias In Different Froms"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class DuplicateStageName final : public DockerfileRule {
 public:
  DuplicateStageName() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t s = 0; s < file.stages.size(); ++s) {
      const auto& name = file.stages[s].name;
      if (!name) continue;
      for (std::size_t earlier = 0; earlier < s; ++earlier) {
        const auto& other = file.stages[earlier].name;
        if (!other || !same_stage_name(other->value, name->value)) continue;
        auto& finding = sink.report(
            name->span, fmt::format("stage name `{}` is already used by stage {}; give each stage "
                                    "its own name",
                                    name->value, earlier));
        finding.related.push_back({other->span, "the first stage with this name"});
        break;
      }
    }
  }
};

INFRALINT_REGISTER_RULE(DuplicateStageName);

}  // namespace
}  // namespace infralint
