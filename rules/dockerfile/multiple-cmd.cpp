#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `CMD` followed by another `CMD` in the same stage. Each earlier one is reported, pointing at
the one that takes effect. Stages are judged separately: a stage may replace the CMD of the
stage it is built from.

## Why it matters
Only the last CMD of a stage is kept in the image: the earlier ones do nothing, and a reader may
believe the container runs one of them.

## Example
```dockerfile
FROM node:22-slim
CMD ["npm", "run", "dev"]
CMD ["node", "server.js"]
```

## Fixed
```dockerfile
FROM node:22-slim
CMD ["node", "server.js"]
```

The fix deletes the overridden CMD. It is safe: the image's configuration does not change. It is
not offered when a comment lies inside the instruction or another instruction shares its line.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/multiple-cmd",
    .title = "CMD is overridden by a later CMD",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL4003", "trivy:DS-0016", "buildkit:MultipleInstructionsDisallowed",
                "kics:Multiple CMD Instructions Listed"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class MultipleCmd final : public DockerfileRule {
 public:
  MultipleCmd() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (const auto& group : repeated_in_stage(file, dockerfile::Keyword::cmd)) {
      const dockerfile::Instruction& last = file.instructions[group.back()];
      for (std::size_t k = 0; k + 1 < group.size(); ++k) {
        const dockerfile::Instruction& ins = file.instructions[group[k]];
        auto& finding = sink.report(
            ins.span, "this CMD has no effect: a later CMD in the same stage replaces it; keep one");
        finding.related.push_back({last.span, "the CMD that takes effect"});
        if (auto lines = removable_lines(doc, file, ins))
          finding.fix = Fix{"Delete the overridden CMD", {{*lines, ""}}, Applicability::safe};
      }
    }
  }
};

INFRALINT_REGISTER_RULE(MultipleCmd);

}  // namespace
}  // namespace infralint
