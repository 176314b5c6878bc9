#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A compose file that reads another file that does not exist: a top-level `include` path (short
form or `path:`, one path or a list) or a service's `extends.file`. Paths are relative to the
compose file.

Judged only inside a repository checkout; paths with variables are not judged, and files that
live elsewhere go under `external-services`.

## Why it matters
`docker compose` refuses the whole project (`include: ... no such file or directory`,
`Cannot extend service ... no such file`): nothing starts, for everyone who pulls the commit
that renamed or forgot the file.

## Example
```yaml
include:
  - ./monitoring/compose.yaml   # the file is monitoring/docker-compose.yml
```

## Fixed
```yaml
include:
  - ./monitoring/docker-compose.yml
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "stack/compose-file-missing",
    .title = "A compose file includes or extends a file that does not exist",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
    .options = {kExternalServicesOption},
};

class ComposeFileMissing final : public StackRule {
 public:
  ComposeFileMissing() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::compose_file || e.problem != stack::Problem::missing_file)
        continue;
      if (sink.external(e.from.doc, e.name)) continue;
      sink.report(e.from, fmt::format("{} names `{}`, which does not exist: compose refuses the "
                                      "whole project",
                                      e.directive, e.name));
    }
  }
};

INFRALINT_REGISTER_RULE(ComposeFileMissing);

}  // namespace
}  // namespace infralint
