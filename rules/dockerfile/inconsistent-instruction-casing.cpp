#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_casing.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An instruction keyword whose casing differs from the majority of the file's keywords (`run`
among `RUN`s), or that mixes cases (`Run`). Keywords are counted as BuildKit does: only all-upper
and all-lower ones vote, and a tie means uppercase.

## Why it matters
Instructions are case-insensitive, but a file that mixes casings is harder to read and to grep.
BuildKit check:
[ConsistentInstructionCasing](https://docs.docker.com/go/dockerfile/rule/consistent-instruction-casing/).

## Example
```dockerfile
FROM alpine:3.20
run apk add --no-cache curl
Copy . /app
```

## Fixed
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
COPY . /app
```

The fix is safe: it rewrites the keyword in the majority casing; keywords are case-insensitive.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/inconsistent-instruction-casing",
    .title = "Instruction casing differs from the rest of the file",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"buildkit:ConsistentInstructionCasing"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class InconsistentInstructionCasing final : public DockerfileRule {
 public:
  InconsistentInstructionCasing() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    bool lower = majority_lowercase(doc, file);
    auto visit = [&](const dockerfile::Instruction& ins) {
      std::string_view keyword = doc.slice(ins.keyword_span);
      std::string want = lower ? ascii_lower(keyword) : ascii_upper(keyword);
      if (keyword == want) return;
      sink.report(ins.keyword_span,
                  fmt::format("'{}' should match the {} casing of the other instructions: '{}'",
                              keyword, lower ? "lowercase" : "uppercase", want),
                  Fix{fmt::format("Write '{}'", want), {{ins.keyword_span, want}},
                      Applicability::safe});
    };
    for (const dockerfile::Instruction& ins : file.instructions) {
      visit(ins);
      if (ins.onbuild) visit(*ins.onbuild);
    }
  }
};

INFRALINT_REGISTER_RULE(InconsistentInstructionCasing);

}  // namespace
}  // namespace infralint
