#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`apt-get install` without `-y` (`--yes`, `--assume-yes`, or `-qq`, which implies it).

## Why it matters
A build has no terminal to answer apt's "Do you want to continue?" prompt: the install aborts
as soon as it needs confirmation, and the build fails on the day a package gains a dependency.

## Example
```dockerfile
RUN apt-get update && apt-get install curl
```

## Fixed
```dockerfile
RUN apt-get update && apt-get install -y curl
```

The fix is safe: it answers the prompt the only way a build can.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/apt-get-missing-yes",
    .title = "apt-get install without -y",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3014", "trivy:DS-0021",
                "kics:APT-GET Missing Flags To Avoid Manual Input"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class AptGetMissingYes final : public DockerfileRule {
 public:
  AptGetMissingYes() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_run_command(file, "apt-get", [&](const auto&, const shell::Command& cmd) {
      const shell::Word* sub = first_operand(cmd, "otc");
      if (!sub || sub->value != "install") return;
      if (has_option(cmd, {"yes", "assume-yes"}, "y") || short_option_count(cmd, 'q') >= 2 ||
          has_option(cmd, {"quiet=2"}))
        return;
      sink.report(cmd.name.span.cover(sub->span),
                  "apt-get install without -y waits for a confirmation a build cannot give",
                  Fix{"Add -y", {{{sub->span.end, sub->span.end}, " -y"}}, Applicability::safe});
    });
  }
};

INFRALINT_REGISTER_RULE(AptGetMissingYes);

}  // namespace
}  // namespace infralint
