#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `COPY --from=<stage>` whose source is the root directory (`/`, or `.`: sources of `--from`
are relative to that filesystem's root), when the stage runs or copies something on top of a
base image. Copying a stage built `FROM scratch` whole is fine: it holds only what was put in
it (the usual "export" stage of artifacts). So is copying an image, or a stage that only names
one (`FROM tonistiigi/xx AS xx`): such images are often made to be copied whole. A stage whose
base is hidden behind an unresolved argument is not judged.

## Why it matters
The whole filesystem of the other stage comes along: its base image, compilers, package caches,
and anything secret the build left there. The image grows and the point of a multi-stage build
is lost.

## Example
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12
COPY --from=build / /
```

## Fixed
```dockerfile
COPY --from=build /out/app /app
```

No automatic fix: which files are needed is not known.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/copy-entire-stage-filesystem",
    .title = "COPY --from copies a whole filesystem",
    .severity = Severity::warning,
    .categories = {Category::security, Category::performance},
    .aliases = {"hadolint:DL3067"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// Sources of COPY --from are relative to the other filesystem's root, so "." is the root too.
bool is_root(std::string_view path) {
  if (path == "." || path == "./") return true;
  while (path.ends_with("/.") || (path.size() > 1 && path.ends_with('/'))) {
    path.remove_suffix(path.ends_with("/.") ? 2 : 1);
    if (path.empty()) return true;
  }
  return path == "/";
}

// Whether the stage, or a stage it is built from, does anything beyond FROM: a bare
// `FROM tonistiigi/xx AS xx` only names an image, often one made to be copied whole.
bool adds_to_base(const dockerfile::File& file, std::size_t stage) {
  for (std::size_t hops = 0; hops <= file.stages.size(); ++hops) {
    const dockerfile::Stage& s = file.stages[stage];
    if (s.last > s.from + 1) return true;
    if (!s.parent) return false;
    stage = *s.parent;
  }
  return false;
}

class CopyEntireStageFilesystem final : public DockerfileRule {
 public:
  CopyEntireStageFilesystem() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      auto source = copy_source(file, i);
      if (!source || source->kind != CopySource::Kind::stage) continue;
      auto base = chain_base_image(file, source->stage);
      if (!base || built_from_scratch(file, source->stage) || !adds_to_base(file, source->stage))
        continue;
      const dockerfile::Instruction& ins = file.instructions[i];
      const auto& vars = dockerfile::variables_at(file, i);
      for (std::size_t w = 0; w + 1 < ins.words.size(); ++w) {
        auto path = dockerfile::expand(ins.words[w].raw, vars, file.escape);
        if (!path || !is_root(*path)) continue;
        sink.report(ins.words[w].span,
                    fmt::format("copies the whole filesystem of stage `{}`, its base image `{}` "
                                "and build tools included; copy only the files the image needs",
                                source->value, *base));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(CopyEntireStageFilesystem);

}  // namespace
}  // namespace infralint
