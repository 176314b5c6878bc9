#include <algorithm>

#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"
#include "model/dockerfile_facts.hpp"
#include "model/package_install.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
GNU `wget` in a RUN without `--progress` and without a quieter mode (`-q`, `-nv`,
`--no-verbose`, `-o`/`-a` log file).

In stages built from an Alpine or BusyBox image, `wget` is BusyBox's unless GNU wget was
installed (`apk add wget`): it has no `--progress` option and is not reported.

## Why it matters
Without a terminal, GNU wget's default progress display prints a line every few kilobytes:
one download can add thousands of lines to the build log and bury the output that matters.

## Example
```dockerfile
FROM debian:12
RUN wget https://example.com/tool.tar.gz
```

## Fixed
```dockerfile
FROM debian:12
RUN wget --progress=dot:giga https://example.com/tool.tar.gz
```

The fix adds `--progress=dot:giga` (one dot per megabyte). It is safe when the stage's base
image is known and is not Alpine or BusyBox; when the base image cannot be resolved it is
unsafe, as BusyBox wget would reject the option.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/wget-without-progress",
    .title = "wget progress bar floods the build log",
    .severity = Severity::info,
    .categories = {Category::performance},
    .aliases = {"hadolint:DL3047"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool is_quiet(const shell::Command& cmd) {
  return has_option(cmd, {"progress", "quiet", "no-verbose", "output-file", "append-output"},
                    "qoa") ||
         std::any_of(cmd.args.begin(), cmd.args.end(),
                     [](const shell::Word& w) { return w.value == "-nv"; });
}

bool busybox_image(std::string_view image) {
  return image.find("alpine") != std::string_view::npos ||
         image.find("busybox") != std::string_view::npos;
}

bool built_from(const dockerfile::File& file, std::size_t stage, std::size_t ancestor) {
  for (std::size_t hops = 0; stage < file.stages.size() && hops <= file.stages.size(); ++hops) {
    if (stage == ancestor) return true;
    if (!file.stages[stage].parent) return false;
    stage = *file.stages[stage].parent;
  }
  return false;
}

// Whether a RUN of the stage (or a stage it is built FROM) before `index` added GNU wget.
bool gnu_wget_added(const dockerfile::File& file, std::size_t index) {
  bool added = false;
  for_each_package_install(file, PackageManager::apk, [&](const auto&, std::size_t at,
                                                          const PackageInstall& install) {
    if (at >= index || !built_from(file, file.instructions[index].stage,
                                   file.instructions[at].stage))
      return;
    for (const PackageOperand& p : install.packages)
      if (p.text == "wget" || p.text.starts_with("wget=") || p.text.starts_with("wget~"))
        added = true;
  });
  return added;
}

class WgetWithoutProgress final : public DockerfileRule {
 public:
  WgetWithoutProgress() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t index = 0; index < file.instructions.size(); ++index) {
      const auto& run = file.instructions[index];
      if (run.keyword != dockerfile::Keyword::run) continue;
      std::optional<std::string> image = chain_base_image(file, run.stage);
      bool gnu = !image || !busybox_image(*image) || gnu_wget_added(file, index);
      if (!gnu) continue;
      for (const auto& script : run.scripts)
        for (const auto& cmd : script.commands) {
          if (!cmd.name.literal || cmd.name.value != "wget" || is_quiet(cmd)) continue;
          Span end{cmd.name.span.end, cmd.name.span.end};
          sink.report(cmd.span,
                      "wget prints a progress line every few kilobytes into the build log; add "
                      "--progress=dot:giga (or -nv)",
                      Fix{"Add --progress=dot:giga",
                          {{end, " --progress=dot:giga"}},
                          image ? Applicability::safe : Applicability::unsafe});
        }
    }
  }
};

INFRALINT_REGISTER_RULE(WgetWithoutProgress);

}  // namespace
}  // namespace infralint
