#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`zypper dist-upgrade` (`zypper dup`) in a `RUN`.

## Why it matters
A distribution upgrade can move the image to another release of the distribution, with
vendor changes and package removals: the result no longer matches the base image named in
`FROM`, differs from one build to the next, and is much larger. Pick the base image of the
release you want instead.

## Example
```dockerfile
FROM opensuse/leap:15.5
RUN zypper -n dup && zypper -n install curl
```

## Fixed
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean --all
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/zypper-dist-upgrade",
    .title = "zypper dist-upgrade in a build",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3035"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class ZypperDistUpgrade final : public DockerfileRule {
 public:
  ZypperDistUpgrade() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_command(file, [&](const auto&, const shell::Command& cmd,
                                       const PackageCommand& pc) {
      if (pc.tool != PackageTool::zypper || pc.action != PackageAction::dist_upgrade) return;
      sink.report(command_span(cmd, pc),
                  describe(cmd, pc) +
                      " upgrades the image to whatever the distribution ships on the day of the "
                      "build; use the base image of the release you want instead");
    });
  }
};

INFRALINT_REGISTER_RULE(ZypperDistUpgrade);

}  // namespace
}  // namespace infralint
