#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `dnf` or `microdnf` command that asks for confirmation (`install`, `reinstall`,
`group install`, `module install`, `remove`, `upgrade`, ...) without `-y` (`--assumeyes`).
`tdnf` and `dnf5` count as dnf.

## Why it matters
A build has no terminal to answer dnf's "Is this ok [y/N]" prompt: dnf reads end of input,
takes it as "no" and exits with "Operation aborted", failing the build.

## Example
```dockerfile
RUN dnf install nginx && dnf clean all
```

## Fixed
```dockerfile
RUN dnf install -y nginx && dnf clean all
```

The fix is safe: it answers the prompt the only way a build can.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/dnf-missing-yes",
    .title = "dnf install without -y",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3038", "kics:Missing Flag From dnf install"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class DnfMissingYes final : public DockerfileRule {
 public:
  DnfMissingYes() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_command(file, [&](const auto&, const shell::Command& cmd,
                                       const PackageCommand& pc) {
      if ((pc.tool != PackageTool::dnf && pc.tool != PackageTool::microdnf) ||
          !prompts_for_confirmation(pc) || answers_prompts(cmd, pc))
        return;
      const shell::Word& last = pc.group_action ? *pc.group_action : *pc.subcommand;
      sink.report(command_span(cmd, pc),
                  describe(cmd, pc) + " without -y waits for a confirmation a build cannot give",
                  Fix{"Add -y", {{{last.span.end, last.span.end}, " -y"}}, Applicability::safe});
    });
  }
};

INFRALINT_REGISTER_RULE(DnfMissingYes);

}  // namespace
}  // namespace infralint
