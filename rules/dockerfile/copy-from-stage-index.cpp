#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `COPY --from` that refers to another stage by its position (`--from=0`) rather than by name.
An index past the last stage is `dockerfile/copy-from-unknown-stage`'s, the stage's own index
`dockerfile/copy-from-own-stage`'s.

## Why it matters
Adding or reordering a stage silently changes which stage the files come from — possibly one
holding build secrets or tools. A name also tells the reader what is copied.

## Example
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12
COPY --from=0 /out/app /app
```

## Fixed
```dockerfile
COPY --from=build /out/app /app
```

When the stage already has a name, the fix writes it in place of the number. It is safe: the
same stage is copied from. Otherwise there is no fix: name the stage (`AS build`) first.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/copy-from-stage-index",
    .title = "COPY --from refers to a stage by index",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"kics:Using Unnamed Build Stages"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class CopyFromStageIndex final : public DockerfileRule {
 public:
  CopyFromStageIndex() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      auto source = copy_source(file, i);
      if (!source || source->kind != CopySource::Kind::stage || !source->by_index) continue;
      if (source->stage == file.instructions[i].stage) continue;
      const dockerfile::Stage& stage = file.stages[source->stage];
      Span value = source->flag->value_span;
      if (!stage.name) {
        sink.report(value, fmt::format("`--from={}` refers to a stage by position; name it "
                                       "(`FROM … AS <name>`) and copy from the name",
                                       source->value));
        continue;
      }
      const std::string& name = stage.name->value;
      auto& finding = sink.report(
          value, fmt::format("`--from={}` refers to a stage by position; use its name `{}`",
                             source->value, name));
      // With a duplicated name, the name means the last stage so called: not necessarily this one.
      if (doc.slice(value) == source->value && stage_named(file, name) == source->stage)
        finding.fix = Fix{fmt::format("Copy from `{}`", name), {{value, name}}, Applicability::safe};
    }
  }
};

INFRALINT_REGISTER_RULE(CopyFromStageIndex);

}  // namespace
}  // namespace infralint
