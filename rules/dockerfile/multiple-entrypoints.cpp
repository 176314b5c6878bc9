#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `ENTRYPOINT` followed by another `ENTRYPOINT` in the same stage. Each earlier one is
reported, pointing at the one that takes effect. Stages are judged separately: a stage may
replace the ENTRYPOINT of the stage it is built from.

## Why it matters
Only the last ENTRYPOINT of a stage is kept in the image: the earlier ones do nothing, and a
reader may believe the container starts with one of them.

## Example
```dockerfile
FROM python:3.12-slim
ENTRYPOINT ["python", "-m", "http.server"]
ENTRYPOINT ["gunicorn", "app:app"]
```

## Fixed
```dockerfile
FROM python:3.12-slim
ENTRYPOINT ["gunicorn", "app:app"]
```

The fix deletes the overridden ENTRYPOINT. It is safe: the image's configuration does not change
(the later ENTRYPOINT resets an inherited CMD just the same). It is not offered when a comment
lies inside the instruction or another instruction shares its line.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/multiple-entrypoints",
    .title = "ENTRYPOINT is overridden by a later ENTRYPOINT",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL4004", "trivy:DS-0007", "buildkit:MultipleInstructionsDisallowed",
                "kics:Multiple ENTRYPOINT Instructions Listed"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class MultipleEntrypoints final : public DockerfileRule {
 public:
  MultipleEntrypoints() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (const auto& group : repeated_in_stage(file, dockerfile::Keyword::entrypoint)) {
      const dockerfile::Instruction& last = file.instructions[group.back()];
      for (std::size_t k = 0; k + 1 < group.size(); ++k) {
        const dockerfile::Instruction& ins = file.instructions[group[k]];
        auto& finding = sink.report(ins.span,
                                    "this ENTRYPOINT has no effect: a later ENTRYPOINT in the same "
                                    "stage replaces it; keep one");
        finding.related.push_back({last.span, "the ENTRYPOINT that takes effect"});
        if (auto lines = removable_lines(doc, file, ins))
          finding.fix = Fix{"Delete the overridden ENTRYPOINT", {{*lines, ""}}, Applicability::safe};
      }
    }
  }
};

INFRALINT_REGISTER_RULE(MultipleEntrypoints);

}  // namespace
}  // namespace infralint
