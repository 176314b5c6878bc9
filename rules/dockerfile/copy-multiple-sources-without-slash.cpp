#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `COPY` or `ADD` with more than one source (heredocs included) whose destination, once
variables are resolved, does not end with `/`. A destination of `.` is accepted: BuildKit
treats it as the working directory. A destination built from a variable with no known value is
not judged.

## Why it matters
Several sources can only go into a directory. The classic builder (and Podman/Buildah
configured to match it) refuses the instruction; BuildKit copies into the path only when it
already exists as a directory, so the result depends on the base image.

## Example
```dockerfile
COPY package.json package-lock.json /app
```

## Fixed
```dockerfile
COPY package.json package-lock.json /app/
```

The fix appends `/` to the destination. It is safe: a build that worked copied into that
directory already. It is not offered in the JSON form, or when the destination is quoted or
spans lines.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/copy-multiple-sources-without-slash",
    .title = "Several sources copied to a destination without a trailing slash",
    .severity = Severity::error,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"hadolint:DL3021", "trivy:DS-0011",
                "kics:Copy With More Than Two Arguments Not Ending With Slash"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class CopyMultipleSourcesWithoutSlash final : public DockerfileRule {
 public:
  CopyMultipleSourcesWithoutSlash() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const dockerfile::Instruction& ins = file.instructions[i];
      bool copies = ins.keyword == dockerfile::Keyword::copy || ins.keyword == dockerfile::Keyword::add;
      if (!copies || ins.words.size() < 3) continue;
      const dockerfile::Word& dest = ins.words.back();
      auto resolved = dockerfile::expand(dest.raw, dockerfile::variables_at(file, i), file.escape);
      if (!resolved || resolved->empty() || *resolved == ".") continue;
      if (resolved->ends_with('/') || resolved->ends_with('\\')) continue;
      std::string keyword(to_string(ins.keyword));
      auto& finding = sink.report(
          dest.span, fmt::format("{} has {} sources, so its destination `{}` must be a directory "
                                 "and end with `/`",
                                 keyword, ins.words.size() - 1, *resolved));
      bool plain = doc.slice(dest.span) == dest.raw && !dest.raw.ends_with('"') &&
                   !dest.raw.ends_with('\'');
      if (!ins.exec_form && plain)
        finding.fix = Fix{"Append `/` to the destination", {{{dest.span.end, dest.span.end}, "/"}},
                          Applicability::safe};
    }
  }
};

INFRALINT_REGISTER_RULE(CopyMultipleSourcesWithoutSlash);

}  // namespace
}  // namespace infralint
