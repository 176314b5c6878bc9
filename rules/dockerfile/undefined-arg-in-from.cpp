#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A variable in a `FROM` line (image or `--platform`) that no `ARG` before the first `FROM`
declares. BuildKit's predefined ARGs (`TARGETPLATFORM`, `BUILDPLATFORM`, proxy ARGs, ...) are
declared; `${NAME:-default}` and the other forms with a fallback are intended and not reported.

## Why it matters
Only ARGs declared before the first `FROM` are visible in `FROM` lines: an undeclared one
expands to the empty string, so the base image silently changes (`node:${VERSION}` becomes
`node:`, an error, or `${REGISTRY}/app` becomes `/app`).
BuildKit check: [UndefinedArgInFrom](https://docs.docker.com/go/dockerfile/rule/undefined-arg-in-from/).

## Example
```dockerfile
FROM node:${NODE_VERSION}-alpine
```

## Fixed
```dockerfile
ARG NODE_VERSION=20
FROM node:${NODE_VERSION}-alpine
```

No automatic fix: the default value is for the author to choose.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/undefined-arg-in-from",
    .title = "FROM uses an undeclared ARG",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"buildkit:UndefinedArgInFrom"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class UndefinedArgInFrom final : public DockerfileRule {
 public:
  UndefinedArgInFrom() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      const dockerfile::Variables& globals = dockerfile::variables_at(file, stage.from);
      auto judge = [&](std::string_view raw, Span span) {
        bool literal = doc.slice(span) == raw;
        for (const auto& use : dockerfile::variable_uses(raw, file.escape)) {
          if (use.has_fallback || globals.contains(use.name)) continue;
          Span at = literal && use.offset != dockerfile::npos
                        ? Span{span.begin + use.offset, span.begin + use.offset + use.length}
                        : span;
          std::string hint;
          if (auto close = dockerfile::closest_variable(use.name, globals))
            hint = fmt::format(" (did you mean {}?)", *close);
          sink.report(at, fmt::format("FROM uses ARG '{}', which is not declared before the "
                                      "first FROM{}; it expands to an empty string",
                                      use.name, hint));
        }
      };
      if (stage.platform) judge(stage.platform->value, stage.platform->value_span);
      judge(stage.image.raw, stage.image.span);
    }
  }
};

INFRALINT_REGISTER_RULE(UndefinedArgInFrom);

}  // namespace
}  // namespace infralint
