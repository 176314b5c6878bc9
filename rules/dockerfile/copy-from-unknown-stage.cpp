#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <numeric>

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

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The stage name closest to `wanted`, when it is close enough to be a typo.
std::string closest_stage_name(const dockerfile::File& file, std::string_view wanted) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, wanted.size() / 3) + 1;
  for (const dockerfile::Stage& stage : file.stages) {
    if (!stage.name) continue;
    std::size_t d = edit_distance(wanted, stage.name->value);
    if (d < best_distance) best = stage.name->value, best_distance = d;
  }
  return best;
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
