#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `RUN` that directly follows another `RUN` of the same stage (comments between them do not
count), when both are short (at most two commands each), have the same flags (`--mount`,
`--network`, ...), and neither uses a heredoc or the exec form. Longer `RUN`s, or `RUN`s with
different flags, are usually split on purpose (to cache a slow step apart), as in hadolint.

## Why it matters
Each `RUN` is a layer: files deleted by a later `RUN` still ship in the earlier layer, and every
layer costs a little in pull time and build cache. Joining short consecutive steps keeps the
image smaller and the Dockerfile easier to read.

## Example
```dockerfile
RUN mkdir -p /app/data
RUN chown app:app /app/data
```

## Fixed
```dockerfile
RUN mkdir -p /app/data \
    && chown app:app /app/data
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/consecutive-run",
    .title = "Consecutive RUN instructions",
    .severity = Severity::info,
    .categories = {Category::performance},
    .aliases = {"hadolint:DL3059", "kics:Multiple RUN, ADD, COPY Instructions Listed"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

std::size_t command_count(const dockerfile::Instruction& run) {
  std::size_t n = 0;
  for (const auto& script : run.scripts) n += script.commands.size();
  return n;
}

bool same_flags(const dockerfile::Instruction& a, const dockerfile::Instruction& b) {
  if (a.flags.size() != b.flags.size()) return false;
  for (std::size_t i = 0; i < a.flags.size(); ++i)
    if (a.flags[i].name != b.flags[i].name || a.flags[i].value != b.flags[i].value) return false;
  return true;
}

bool joinable(const dockerfile::Instruction& run) {
  return run.keyword == dockerfile::Keyword::run && !run.exec_form && run.heredocs.empty() &&
         command_count(run) <= 2;
}

class ConsecutiveRun final : public DockerfileRule {
 public:
  ConsecutiveRun() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 1; i < file.instructions.size(); ++i) {
      const auto& prev = file.instructions[i - 1];
      const auto& run = file.instructions[i];
      if (!joinable(prev) || !joinable(run) || prev.stage != run.stage || !same_flags(prev, run))
        continue;
      sink.report(run.keyword_span.cover(run.arguments_span),
                  "RUN right after another short RUN with the same flags adds a layer; join "
                  "them with && into one RUN");
    }
  }
};

INFRALINT_REGISTER_RULE(ConsecutiveRun);

}  // namespace
}  // namespace infralint
