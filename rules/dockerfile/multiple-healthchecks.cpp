#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `HEALTHCHECK` followed by another `HEALTHCHECK` in the same stage. Each earlier one is
reported, pointing at the one that takes effect. Stages are judged separately: a stage may
replace the health check of the stage it is built from.

## Why it matters
Only the last HEALTHCHECK of a stage is kept in the image: the earlier ones are never run, and
a reader may believe the container is probed by one of them.

## Example
```dockerfile
FROM nginx:1.27
HEALTHCHECK CMD curl -f http://localhost/ || exit 1
HEALTHCHECK --interval=30s CMD curl -f http://localhost/healthz || exit 1
```

## Fixed
```dockerfile
FROM nginx:1.27
HEALTHCHECK --interval=30s CMD curl -f http://localhost/healthz || exit 1
```

The fix deletes the overridden HEALTHCHECK. It is safe: the image's configuration does not
change. It is not offered when a comment lies inside the instruction or another instruction shares its line.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/multiple-healthchecks",
    .title = "HEALTHCHECK is overridden by a later HEALTHCHECK",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL3012", "trivy:DS-0023", "buildkit:MultipleInstructionsDisallowed"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class MultipleHealthchecks final : public DockerfileRule {
 public:
  MultipleHealthchecks() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (const auto& group : repeated_in_stage(file, dockerfile::Keyword::healthcheck)) {
      const dockerfile::Instruction& last = file.instructions[group.back()];
      for (std::size_t k = 0; k + 1 < group.size(); ++k) {
        const dockerfile::Instruction& ins = file.instructions[group[k]];
        auto& finding = sink.report(ins.span,
                                    "this HEALTHCHECK has no effect: a later HEALTHCHECK in the same "
                                    "stage replaces it; keep one");
        finding.related.push_back({last.span, "the HEALTHCHECK that takes effect"});
        if (auto lines = removable_lines(doc, file, ins))
          finding.fix = Fix{"Delete the overridden HEALTHCHECK", {{*lines, ""}}, Applicability::safe};
      }
    }
  }
};

INFRALINT_REGISTER_RULE(MultipleHealthchecks);

}  // namespace
}  // namespace infralint
