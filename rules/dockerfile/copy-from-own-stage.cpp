#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `COPY --from` that names, or numbers, the stage it is in, once build arguments are resolved.

## Why it matters
A stage cannot read its own result while building it: BuildKit stops with a circular dependency
error. To move files within the stage use `RUN cp`; otherwise copy from the stage that holds
them.

## Example
```dockerfile
FROM node:22 AS build
RUN npm ci && npm run build
COPY --from=build /src/dist /srv/www
```

## Fixed
```dockerfile
FROM node:22 AS build
RUN npm ci && npm run build

FROM nginx:1.27
COPY --from=build /src/dist /usr/share/nginx/html
```

No automatic fix: where the files should come from is not known.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/copy-from-own-stage",
    .title = "COPY --from names its own stage",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL3023", "trivy:DS-0006", "kics:COPY '--from' References Current FROM Alias"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class CopyFromOwnStage final : public DockerfileRule {
 public:
  CopyFromOwnStage() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      auto source = copy_source(file, i);
      if (!source || source->kind != CopySource::Kind::stage) continue;
      if (source->stage != file.instructions[i].stage) continue;
      auto& finding = sink.report(
          source->flag->value_span,
          fmt::format("`--from={}` is the stage this COPY is in; a stage cannot copy from itself "
                      "(BuildKit fails with a circular dependency)",
                      source->value));
      const dockerfile::Stage& stage = file.stages[source->stage];
      finding.related.push_back({file.instructions[stage.from].span, "the stage"});
    }
  }
};

INFRALINT_REGISTER_RULE(CopyFromOwnStage);

}  // namespace
}  // namespace infralint
