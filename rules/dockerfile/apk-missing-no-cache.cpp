#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"
#include "model/package_install.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
In a stage whose layers end up in the final image, a RUN that leaves apk's package index in
`/var/cache/apk`: `apk add` without `--no-cache`, or `apk update`. A cache mount on
`/var/cache/apk` (or `/etc/apk/cache`) or an `rm -rf /var/cache/apk/*` in the same RUN keeps
the index out of the image, so they are fine; build stages are not reported, since their
files never reach the image.

## Why it matters
The index is a few megabytes per repository that no running container needs; once committed
in a layer, a later `rm` does not shrink the image. `--no-cache` fetches a fresh index for the
command and stores nothing, so it also replaces `apk update`.

## Example
```dockerfile
RUN apk add curl
```

## Fixed
```dockerfile
RUN apk add --no-cache curl
```

The fix for `apk add` is safe: it adds `--no-cache` after `add`. `apk update` has no automatic
fix: drop it and give `--no-cache` to the `apk add` that follows.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/apk-missing-no-cache",
    .title = "apk package index left in the image",
    .severity = Severity::info,
    .categories = {Category::performance, Category::cost},
    .aliases = {"hadolint:DL3019", "trivy:DS-0025", "kics:Apk Add Using Local Cache Path"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool keeps_index_out(const dockerfile::Instruction& run) {
  return has_cache_mount(run, "/var/cache/apk") || has_cache_mount(run, "/etc/apk/cache") ||
         removes_path(run, "/var/cache/apk");
}

class ApkMissingNoCache final : public DockerfileRule {
 public:
  ApkMissingNoCache() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_install(file, PackageManager::apk, [&](const auto& run, std::size_t index,
                                                            const PackageInstall& install) {
      const shell::Command& cmd = *install.command;
      if (has_option(cmd, {"no-cache"}) || !in_final_image(file, index) || keeps_index_out(run))
        return;
      Span end{install.subcommand->span.end, install.subcommand->span.end};
      sink.report(cmd.name.span.cover(install.subcommand->span),
                  "apk add without --no-cache leaves the package index in /var/cache/apk in "
                  "the image; add --no-cache",
                  Fix{"Add --no-cache", {{end, " --no-cache"}}, Applicability::safe});
    });
    for (std::size_t index = 0; index < file.instructions.size(); ++index) {
      const auto& run = file.instructions[index];
      if (run.keyword != dockerfile::Keyword::run || !in_final_image(file, index) ||
          keeps_index_out(run))
        continue;
      for (const auto& script : run.scripts)
        for (const auto& cmd : script.commands) {
          if (!cmd.name.literal || cmd.name.value != "apk") continue;
          const shell::Word* sub = first_operand(cmd, "tXp");
          if (!sub || sub->value != "update" || has_option(cmd, {"no-cache"})) continue;
          sink.report(cmd.name.span.cover(sub->span),
                      "apk update stores the package index in /var/cache/apk in the image; "
                      "drop it and use apk add --no-cache, which fetches the index without "
                      "keeping it");
        }
    }
  }
};

INFRALINT_REGISTER_RULE(ApkMissingNoCache);

}  // namespace
}  // namespace infralint
