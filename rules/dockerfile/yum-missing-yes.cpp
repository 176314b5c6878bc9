#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `yum` command that asks for confirmation (`install`, `groupinstall`, `localinstall`,
`reinstall`, `group install`, `remove`, `update`, ...) without `-y` (`--assumeyes`).

## Why it matters
A build has no terminal to answer yum's "Is this ok [y/N]" prompt: yum reads end of input,
takes it as "no", and the build fails (or, worse, the step silently installs nothing when the
exit status is masked).

## Example
```dockerfile
RUN yum install httpd && yum clean all
```

## Fixed
```dockerfile
RUN yum install -y httpd && yum clean all
```

The fix is safe: it answers the prompt the only way a build can.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/yum-missing-yes",
    .title = "yum install without -y",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3030", "kics:Yum Install Allows Manual Input"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class YumMissingYes final : public DockerfileRule {
 public:
  YumMissingYes() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_command(file, [&](const auto&, const shell::Command& cmd,
                                       const PackageCommand& pc) {
      if (pc.tool != PackageTool::yum || !prompts_for_confirmation(pc) || answers_prompts(cmd, pc))
        return;
      const shell::Word& last = pc.group_action ? *pc.group_action : *pc.subcommand;
      sink.report(command_span(cmd, pc),
                  describe(cmd, pc) + " without -y waits for a confirmation a build cannot give",
                  Fix{"Add -y", {{{last.span.end, last.span.end}, " -y"}}, Applicability::safe});
    });
  }
};

INFRALINT_REGISTER_RULE(YumMissingYes);

}  // namespace
}  // namespace infralint
