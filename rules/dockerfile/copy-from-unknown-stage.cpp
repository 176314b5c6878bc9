#include <fmt/format.h>

#include <algorithm>

#include "core/spelling.hpp"
#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `COPY --from` whose value, once build arguments are resolved, is a stage index this Dockerfile
does not have, or a bare name (no registry, tag or digest) that no stage is called. Image
references such as `--from=nginx:1.27` or `--from=ghcr.io/org/tool@sha256:…` are fine; a value
built from an argument with no known value is not judged.

## Why it matters
BuildKit takes a name that matches no stage for an image: a typo in a stage name makes the
build pull `docker.io/library/<name>:latest`, which fails, or worse, succeeds with someone
else's files. An index past the last stage fails the build. (A name given on the command line
with `--build-context` is the one legitimate bare name; suppress the finding there.)

## Example
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12
COPY --from=builder /out/app /app
```

## Fixed
```dockerfile
COPY --from=build /out/app /app
```

No automatic fix: which stage was meant is not certain.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/copy-from-unknown-stage",
    .title = "COPY --from names no stage of the Dockerfile",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"hadolint:DL3022"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// The stage name closest to `wanted`, when it is close enough to be a typo.
std::string closest_stage_name(const dockerfile::File& file, std::string_view wanted) {
  std::vector<std::string_view> names;
  for (const dockerfile::Stage& stage : file.stages)
    if (stage.name) names.push_back(stage.name->value);
  auto best = closest_spelling(wanted, names, std::max<std::size_t>(2, wanted.size() / 3));
  return best ? std::string(*best) : std::string();
}

class CopyFromUnknownStage final : public DockerfileRule {
 public:
  CopyFromUnknownStage() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      auto source = copy_source(file, i);
      if (!source) continue;
      const std::string& value = source->value;
      if (source->kind == CopySource::Kind::bad_index) {
        sink.report(source->flag->value_span,
                    fmt::format("there is no stage {}: this Dockerfile has {} stage{} (counted "
                                "from 0); name the stage and copy from its name",
                                value, file.stages.size(), file.stages.size() == 1 ? "" : "s"));
        continue;
      }
      if (source->kind != CopySource::Kind::image) continue;
      // A registry, tag or digest says the author meant an image; `context` is BuildKit's.
      if (value.find_first_of(":@/") != std::string::npos || value == "context") continue;
      std::string hint = closest_stage_name(file, value);
      std::string advice = hint.empty()
                               ? fmt::format("name a stage `AS {}`, or give the image a tag", value)
                               : fmt::format("did you mean the stage `{}`?", hint);
      sink.report(source->flag->value_span,
                  fmt::format("no stage is named `{}`, so BuildKit copies from a build context "
                              "of that name or pulls the image `{}:latest`; {}",
                              value, value, advice));
    }
  }
};

INFRALINT_REGISTER_RULE(CopyFromUnknownStage);

}  // namespace
}  // namespace infralint
