#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/package_install.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`apt-get install` (or `apt install`) of a package without a version (`curl` rather than
`curl=7.88.1-10+deb12u5`). Local `.deb` files, paths, `pkg/release` selections and packages
held in a variable whose value is a list or unknown are not judged.

## Why it matters
Without a version, each build installs whatever the mirror serves that day: two builds of the
same commit can differ, and a package update can break a build nobody changed.

Pinned Debian versions also disappear from the mirrors when a point release supersedes them,
so some teams pin the base image by digest instead and silence this rule; it is a warning for
that reason.

## Example
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Fixed
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
```

There is no automatic fix: the version to pin depends on the distribution release.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/apt-get-unpinned",
    .title = "apt-get install without package versions",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3008", "kics:Apt Get Install Pin Version Not Defined"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class AptGetUnpinned final : public DockerfileRule {
 public:
  AptGetUnpinned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_install(file, PackageManager::apt, [&](const auto&, auto, const auto& install) {
      auto unpinned = unpinned_packages(install);
      if (unpinned.empty()) return;
      sink.report(packages_span(unpinned),
                  fmt::format("{} installed without a version; pin as {}=<version> so that "
                              "rebuilds install the same packages",
                              package_list(unpinned), unpinned.front()->text));
    });
  }
};

INFRALINT_REGISTER_RULE(AptGetUnpinned);

}  // namespace
}  // namespace infralint
