#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/image_ref.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `FROM` whose image, once build arguments are resolved, has neither a tag nor a digest.
`scratch` and references to earlier stages are fine; an image built from an argument with no
default is not judged.

## Why it matters
An untagged image means `latest`: the build is not reproducible and may jump major versions.

## Example
```dockerfile
ARG BASE=python
FROM ${BASE}
```

## Fixed
```dockerfile
ARG BASE=python:3.12-slim
FROM ${BASE}
```

No automatic fix: the version to pin is yours to choose.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/base-image-untagged",
    .title = "Base image has no tag",
    .severity = Severity::warning,
    .categories = {Category::reliability, Category::security},
    .compliance = {"CIS-Docker-1.6:4.2"},
    .aliases = {"hadolint:DL3006", "checkov:CKV_DOCKER_7", "kics:Image Version Not Explicit"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class BaseImageUntagged final : public DockerfileRule {
 public:
  BaseImageUntagged() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      if (stage.parent || !stage.resolved_image) continue;
      const std::string& image = *stage.resolved_image;
      if (image == "scratch") continue;
      auto ref = parse_image_ref(image);
      if (!ref || ref->has_tag() || ref->has_digest()) continue;
      std::string shown = image == stage.image.value
                              ? fmt::format("`{}`", image)
                              : fmt::format("`{}` (resolves to `{}`)", stage.image.value, image);
      sink.report(stage.image.span,
                  fmt::format("base image {} has no tag, so it means `latest`; pin a version "
                              "tag or a digest",
                              shown));
    }
  }
};

INFRALINT_REGISTER_RULE(BaseImageUntagged);

}  // namespace
}  // namespace infralint
