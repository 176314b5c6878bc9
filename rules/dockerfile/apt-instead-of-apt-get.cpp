#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`apt` in a RUN instruction.

## Why it matters
`apt` is the interactive front end: its output and options may change between releases (it
warns "apt does not have a stable CLI interface" when not on a terminal), and it draws
progress bars into the build log. `apt-get` and `apt-cache` are the stable interfaces for
scripts.

## Example
```dockerfile
RUN apt update && apt install -y curl && apt upgrade -y
```

## Fixed
```dockerfile
RUN apt-get update && apt-get install -y curl && apt-get upgrade --with-new-pkgs -y
```

The fix is safe and offered for `install`, `update`, `remove`, `purge`, `autoremove` and
`upgrade`, which `apt-get` runs the same way; `apt upgrade` also installs new dependencies, so
it becomes `apt-get upgrade --with-new-pkgs`. Other subcommands (`search`, `show`, `list`,
`full-upgrade`) have no automatic fix.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/apt-instead-of-apt-get",
    .title = "apt used in a build",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3027", "checkov:CKV_DOCKER_9", "kics:Run Using apt"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class AptInsteadOfAptGet final : public DockerfileRule {
 public:
  AptInsteadOfAptGet() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_run_command(file, "apt", [&](const auto&, const shell::Command& cmd) {
      const shell::Word* sub = first_operand(cmd, "otc");
      Finding& f = sink.report(sub ? cmd.name.span.cover(sub->span) : cmd.name.span,
                               "apt has no stable command-line interface for scripts; use "
                               "apt-get (or apt-cache to query)");
      if (!sub) return;
      std::string_view s = sub->value;
      if (s != "install" && s != "update" && s != "remove" && s != "purge" && s != "autoremove" &&
          s != "upgrade")
        return;
      Fix fix{"Use apt-get", {{cmd.name.span, "apt-get"}}, Applicability::safe};
      if (s == "upgrade") fix.edits.push_back({{sub->span.end, sub->span.end}, " --with-new-pkgs"});
      f.fix = std::move(fix);
    });
  }
};

INFRALINT_REGISTER_RULE(AptInsteadOfAptGet);

}  // namespace
}  // namespace infralint
