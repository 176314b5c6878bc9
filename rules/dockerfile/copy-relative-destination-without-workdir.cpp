#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `COPY` or `ADD` to a relative destination (`.`, `app/`) in a stage where no `WORKDIR` has been
set yet — neither in the stage nor in the stages it is built `FROM`. Stages built
`FROM scratch` are fine (they work in `/`); a destination built from a variable with no known
value is not judged.

## Why it matters
The destination is relative to the base image's working directory: `/` for most images,
something else for others, and it may change when the base image does. The files land where
nobody looks.

## Example
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
```

## Fixed
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
```

No automatic fix: the directory to work in is yours to choose.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/copy-relative-destination-without-workdir",
    .title = "Relative COPY destination with no WORKDIR set",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3045"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool sets_workdir(const dockerfile::File& file, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i)
    if (file.instructions[i].keyword == dockerfile::Keyword::workdir) return true;
  return false;
}

// Whether a WORKDIR comes before `index` in its stage or anywhere in the stages it is built from.
bool workdir_set_before(const dockerfile::File& file, std::size_t index) {
  const dockerfile::Stage* stage = &file.stages[file.instructions[index].stage];
  if (sets_workdir(file, stage->first, index)) return true;
  for (std::size_t hops = 0; stage->parent && hops < file.stages.size(); ++hops) {
    stage = &file.stages[*stage->parent];
    if (sets_workdir(file, stage->first, stage->last)) return true;
  }
  return false;
}

class CopyRelativeDestinationWithoutWorkdir final : public DockerfileRule {
 public:
  CopyRelativeDestinationWithoutWorkdir() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const dockerfile::Instruction& ins = file.instructions[i];
      bool copies = ins.keyword == dockerfile::Keyword::copy || ins.keyword == dockerfile::Keyword::add;
      if (!copies || ins.words.size() < 2 || ins.stage == dockerfile::npos) continue;
      const dockerfile::Word& dest = ins.words.back();
      auto resolved = dockerfile::expand(dest.raw, dockerfile::variables_at(file, i), file.escape);
      if (!resolved || resolved->empty() || is_absolute_container_path(*resolved)) continue;
      // Without a WORKDIR, `scratch` works in `/`: the destination is known.
      if (workdir_set_before(file, i) || built_from_scratch(file, ins.stage)) continue;
      sink.report(dest.span,
                  fmt::format("destination `{}` is relative but no WORKDIR is set, so it depends "
                              "on the base image's working directory; set WORKDIR first or use "
                              "an absolute path",
                              *resolved));
    }
  }
};

INFRALINT_REGISTER_RULE(CopyRelativeDestinationWithoutWorkdir);

}  // namespace
}  // namespace infralint
