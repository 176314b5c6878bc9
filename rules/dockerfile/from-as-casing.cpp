#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_casing.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `FROM … AS name` whose `AS` keyword is not in the casing of `FROM` (`FROM node AS build` is
fine, `FROM node as build` is not). A `FROM` keyword in mixed case is left to
`dockerfile/inconsistent-instruction-casing`.

## Why it matters
Consistent keywords make stage definitions easy to scan and grep.
BuildKit check: [FromAsCasing](https://docs.docker.com/go/dockerfile/rule/from-as-casing/).

## Example
```dockerfile
FROM node:20 as build
```

## Fixed
```dockerfile
FROM node:20 AS build
```

The fix is safe: `AS` is case-insensitive, only its spelling changes.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/from-as-casing",
    .title = "AS keyword casing differs from FROM",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"buildkit:FromAsCasing"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class FromAsCasing final : public DockerfileRule {
 public:
  FromAsCasing() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      const dockerfile::Instruction& from = file.instructions[stage.from];
      if (!stage.name || from.words.size() != 3) continue;
      std::string_view keyword = doc.slice(from.keyword_span);
      if (!is_self_consistent_casing(keyword)) continue;
      const dockerfile::Word& as = from.words[1];
      std::string want = keyword == ascii_lower(keyword) ? "as" : "AS";
      if (doc.slice(as.span) == want) continue;
      sink.report(as.span,
                  fmt::format("'{}' does not match the casing of '{}'; write '{}'",
                              doc.slice(as.span), keyword, want),
                  Fix{fmt::format("Write '{}'", want), {{as.span, want}}, Applicability::safe});
    }
  }
};

INFRALINT_REGISTER_RULE(FromAsCasing);

}  // namespace
}  // namespace infralint
