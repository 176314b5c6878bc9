#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`apt-get install` without `--no-install-recommends` (or `-o APT::Install-Recommends=false`).

## Why it matters
Recommended packages are not needed to run the installed ones. They bloat the image, slow
pulls, and widen the attack surface with software nobody asked for.

## Example
```dockerfile
RUN apt-get update && apt-get install -y curl
```

## Fixed
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

The fix is unsafe: an image that relied on a recommended package (a CA bundle, a locale) loses
it; test the image after applying it.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/apt-get-install-recommends",
    .title = "apt-get install pulls recommended packages",
    .severity = Severity::info,
    .categories = {Category::performance, Category::security},
    .compliance = {"CIS-Docker-1.6:4.3"},
    .aliases = {"hadolint:DL3015", "trivy:DS-0029", "kics:APT-GET Not Avoiding Additional Packages"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool disables_recommends(const shell::Command& cmd) {
  if (has_option(cmd, {"no-install-recommends"})) return true;
  for (std::size_t i = 0; i + 1 < cmd.args.size(); ++i) {
    if (cmd.args[i].value != "-o") continue;
    std::string_view v = cmd.args[i + 1].value;
    if (v == "APT::Install-Recommends=false" || v == "APT::Install-Recommends=0" ||
        v == "APT::Install-Recommends=no")
      return true;
  }
  return false;
}

class AptGetInstallRecommends final : public DockerfileRule {
 public:
  AptGetInstallRecommends() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_run_command(file, "apt-get", [&](const auto&, const shell::Command& cmd) {
      const shell::Word* sub = first_operand(cmd, "otc");
      if (!sub || sub->value != "install" || disables_recommends(cmd)) return;
      sink.report(cmd.name.span.cover(sub->span),
                  "apt-get install without --no-install-recommends also installs recommended "
                  "packages",
                  Fix{"Add --no-install-recommends",
                      {{{sub->span.end, sub->span.end}, " --no-install-recommends"}},
                      Applicability::unsafe});
    });
  }
};

INFRALINT_REGISTER_RULE(AptGetInstallRecommends);

}  // namespace
}  // namespace infralint
