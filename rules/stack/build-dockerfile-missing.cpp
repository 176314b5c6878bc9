#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A compose service whose `build` names a Dockerfile that does not exist (`context` joined with
`dockerfile`, which defaults to `Dockerfile`), and a Railway `build.dockerfilePath` naming a
missing file. A Dockerfile of the same directory with a close name is suggested.

Judged only for files inside a repository checkout (a file copied on its own says nothing about
the files that were beside it); remote contexts (git URLs) and interpolated paths are left alone.

## Why it matters
`docker compose build` / `up --build` fails with `failed to read dockerfile: open
Dockerfile.dev: no such file or directory`, and a Railway deploy fails at its build step.
Often the file was renamed and the orchestrator config was not.

## Example
```yaml
services:
  backend:
    build:
      context: ./backend
      dockerfile: Dockerfile.dev   # backend/ holds only Dockerfile
```

## Fixed
```yaml
services:
  backend:
    build:
      context: ./backend
      dockerfile: Dockerfile
```

No automatic fix: the missing file may be meant to be written.
)md";

const RuleMeta kMeta{
    .id = "stack/build-dockerfile-missing",
    .title = "Build names a Dockerfile that does not exist",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose, Kind::railway},
    .docs = kDocs,
    .options = {kExternalServicesOption},
};

class BuildDockerfileMissing final : public StackRule {
 public:
  BuildDockerfileMissing() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if ((e.kind != stack::EdgeKind::build && e.kind != stack::EdgeKind::railway_build) ||
          e.problem != stack::Problem::missing_file)
        continue;
      if (sink.external(e.from.doc, e.name)) continue;
      std::string hint = e.suggestion.empty()
                             ? std::string("; add it, or point the build at the right file")
                             : fmt::format("; did you mean `{}`?", e.suggestion);
      sink.report(e.from, fmt::format("{} builds from `{}`, which does not exist{}",
                                      e.kind == stack::EdgeKind::build ? e.directive
                                                                       : "build.dockerfilePath",
                                      e.name, hint));
    }
  }
};

INFRALINT_REGISTER_RULE(BuildDockerfileMissing);

}  // namespace
}  // namespace infralint
