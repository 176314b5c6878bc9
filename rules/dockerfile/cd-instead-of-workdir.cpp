#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A RUN whose shell code starts with `cd <dir>`: the directory the rest of the RUN works in,
which is what WORKDIR is for. A `cd` alone in its RUN is reported too: it changes nothing, as
every instruction starts again in the WORKDIR. A `cd` later in the chain (into an unpacked
source tree, say), inside a subshell `( cd dir && make )` or a group, and a `cd` to a
directory held in a shell variable are not reported; hadolint reports every `cd`.

## Why it matters
WORKDIR states the directory once, creates it when missing, shows in the image config, and
holds for the RUN, COPY, CMD and ENTRYPOINT after it; `cd` at the head of each RUN repeats it
and hides it from readers of the image.

## Example
```dockerfile
RUN cd /app && npm ci
```

## Fixed
```dockerfile
WORKDIR /app
RUN npm ci
```

There is no automatic fix: WORKDIR also changes the directory of the instructions after it.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/cd-instead-of-workdir",
    .title = "cd at the start of a RUN instead of WORKDIR",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL3003", "trivy:DS-0013", "kics:RUN Instruction Using 'cd' Instead of WORKDIR"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// Whether only blanks and line continuations come before `at` from `from`: the command at `at`
// is the first of the script, outside any subshell, group or compound statement.
bool starts_script(std::string_view text, std::size_t from, std::size_t at, char escape) {
  if (at < from) return false;
  for (char c : text.substr(from, at - from))
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != escape) return false;
  return true;
}

// Whether `dir` uses only ARG/ENV values the build knows (WORKDIR expands those too), not
// shell variables or substitutions.
bool known_to_build(const dockerfile::File& file, const dockerfile::Instruction& run,
                    const shell::Word& dir) {
  if (dir.value.find("$(") != std::string::npos || dir.value.find('`') != std::string::npos)
    return false;
  const auto* first = file.instructions.data();
  if (&run < first || &run >= first + file.instructions.size()) return false;  // in ONBUILD
  const auto& vars = dockerfile::variables_at(file, static_cast<std::size_t>(&run - first));
  return dockerfile::expand(dir.value, vars, file.escape).has_value();
}

class CdInsteadOfWorkdir final : public DockerfileRule {
 public:
  CdInsteadOfWorkdir() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_instruction(file, dockerfile::Keyword::run, [&](const dockerfile::Instruction& run) {
      for (std::size_t s = 0; s < run.scripts.size(); ++s) {
        const shell::Script& script = run.scripts[s];
        if (script.commands.empty() || script.has_error) continue;
        const shell::Command& cd = script.commands.front();
        if (!cd.name.literal || cd.name.value != "cd") continue;
        std::size_t from = run.arguments_span.begin;
        for (const auto& heredoc : run.heredocs)
          if (heredoc.body_span.begin <= cd.span.begin && cd.span.begin < heredoc.body_span.end)
            from = heredoc.body_span.begin;
        if (!starts_script(doc.text(), from, cd.name.span.begin, file.escape)) continue;
        const shell::Word* dir = first_operand(cd);
        if (!dir || dir->value == "-" || (!dir->literal && !known_to_build(file, run, *dir)))
          continue;
        if (script.commands.size() == 1) {
          sink.report(cd.name.span,
                      fmt::format("cd {} in a RUN of its own changes nothing: the next "
                                  "instruction starts in the WORKDIR again; use WORKDIR {}",
                                  dir->value, dir->value));
        } else {
          sink.report(cd.name.span,
                      fmt::format("RUN starts with cd {}; set the directory with WORKDIR {} "
                                  "instead",
                                  dir->value, dir->value));
        }
      }
    });
  }
};

INFRALINT_REGISTER_RULE(CdInsteadOfWorkdir);

}  // namespace
}  // namespace infralint
