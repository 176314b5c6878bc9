#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/package_install.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`apk add` of a package without a version constraint (`curl` rather than `curl=8.5.0-r0` or
`curl~8.5`). Local `.apk` files, paths, the name given to `--virtual` and packages held in a
variable whose value is a list or unknown are not judged.

## Why it matters
Without a version, each build installs whatever the Alpine repository serves that day: two
builds of the same commit can differ, and a package update can break a build nobody changed.
`~8.5` (any 8.5.x) keeps security fixes while staying on one release line.

## Example
```dockerfile
RUN apk add --no-cache curl
```

## Fixed
```dockerfile
RUN apk add --no-cache curl~8.5
```

There is no automatic fix: the version to pin depends on the Alpine release.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/apk-unpinned",
    .title = "apk add without package versions",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3018", "kics:Unpinned Package Version in Apk Add"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class ApkUnpinned final : public DockerfileRule {
 public:
  ApkUnpinned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_install(file, PackageManager::apk, [&](const auto&, auto, const auto& install) {
      auto unpinned = unpinned_packages(install);
      if (unpinned.empty()) return;
      sink.report(packages_span(unpinned),
                  fmt::format("{} added without a version; pin as {}=<version> (or ~<major.minor>) "
                              "so that rebuilds install the same packages",
                              package_list(unpinned), unpinned.front()->text));
    });
  }
};

INFRALINT_REGISTER_RULE(ApkUnpinned);

}  // namespace
}  // namespace infralint
