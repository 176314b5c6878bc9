#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `zypper` command that asks for confirmation (`install`/`in`, `remove`/`rm`,
`source-install`/`si`, `patch`, `update`/`up`, `dist-upgrade`/`dup`) without the global
`-n` (`--non-interactive`) before the command, or `-y` (`--no-confirm`) after it. A `-n`
after the command does not count: for `zypper install` it means `--name`.

## Why it matters
A build has no terminal to answer zypper's "Continue? [y/n/v/...]" prompt: zypper aborts and
the build fails.

## Example
```dockerfile
RUN zypper install curl && zypper clean -a
```

## Fixed
```dockerfile
RUN zypper -n install curl && zypper clean -a
```

The fix is safe: `-n` answers every prompt with its default, the only answer a build can give.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/zypper-not-non-interactive",
    .title = "zypper without --non-interactive",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3034", "kics:Missing Zypper Non-interactive Switch"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class ZypperNotNonInteractive final : public DockerfileRule {
 public:
  ZypperNotNonInteractive() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_command(
        file, [&](const auto&, const shell::Command& cmd, const PackageCommand& pc) {
          if (pc.tool != PackageTool::zypper || !prompts_for_confirmation(pc) ||
              answers_prompts(cmd, pc))
            return;
          Span after_name{cmd.name.span.end, cmd.name.span.end};
          sink.report(command_span(cmd, pc),
                      describe(cmd, pc) +
                          " without -n (--non-interactive) waits for a confirmation a build cannot "
                          "give",
                      Fix{"Add -n", {{after_name, " -n"}}, Applicability::safe});
        });
  }
};

INFRALINT_REGISTER_RULE(ZypperNotNonInteractive);

}  // namespace
}  // namespace infralint
