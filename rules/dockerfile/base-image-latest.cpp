#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/image_ref.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `FROM` whose image, once build arguments are resolved, is tagged `latest`.

## Why it matters
`latest` moves: two builds of the same commit can start from different images, a rebuild can
pull a new major version, and a rollback does not roll the base image back.

## Example
```dockerfile
FROM node:latest
```

## Fixed
```dockerfile
FROM node:20.11-alpine3.19
```

No automatic fix: which version you tested against is a fact only you have.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/base-image-latest",
    .title = "Base image uses the latest tag",
    .severity = Severity::warning,
    .categories = {Category::reliability, Category::security},
    .compliance = {"CIS-Docker-1.6:4.2"},
    .aliases = {"hadolint:DL3007", "trivy:DS-0001", "checkov:CKV_DOCKER_7",
                "kics:Image Version Using 'latest'"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class BaseImageLatest final : public DockerfileRule {
 public:
  BaseImageLatest() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      if (stage.parent || !stage.resolved_image) continue;
      auto ref = parse_image_ref(*stage.resolved_image);
      if (!ref || ref->tag != "latest" || ref->has_digest()) continue;
      std::string shown = *stage.resolved_image == stage.image.value
                              ? fmt::format("`{}`", stage.image.value)
                              : fmt::format("`{}` (resolves to `{}`)", stage.image.value,
                                            *stage.resolved_image);
      sink.report(stage.image.span,
                  fmt::format("base image {} uses the `latest` tag, which changes under you; "
                              "pin a version tag or a digest",
                              shown));
    }
  }
};

INFRALINT_REGISTER_RULE(BaseImageLatest);

}  // namespace
}  // namespace infralint
