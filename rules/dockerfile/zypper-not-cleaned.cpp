#include <algorithm>

#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `RUN` that installs or upgrades packages with `zypper` but does not run `zypper clean --all` after it in
the same instruction, in a stage whose layers end up in the final image.
`zypper clean` and `zypper cc` with any options count, and so does removing `/var/cache/zypp`. A `RUN --mount=type=cache` (or `tmpfs`) over the cache directory keeps the cache out of
the image, so it is fine too.

## Why it matters
zypper keeps repository metadata (and, depending on its configuration, the downloaded
packages) in `/var/cache/zypp`: often a hundred megabytes no running container needs. Once committed
in a layer, a `RUN` that deletes it later does not shrink the image.

## Example
```dockerfile
RUN zypper -n install curl
```

## Fixed
```dockerfile
RUN zypper -n install curl \
    && zypper clean --all
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/zypper-not-cleaned",
    .title = "zypper cache left in the image",
    .severity = Severity::warning,
    .categories = {Category::performance, Category::cost},
    .aliases = {"hadolint:DL3036", "trivy:DS-0020", "kics:Missing Zypper Clean"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class ZypperNotCleaned final : public DockerfileRule {
 public:
  ZypperNotCleaned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const shell::Command* install :
         uncleaned_installs_in_final_image(file, PackageTool::zypper)) {
      auto pc = read_package_command(*install);
      sink.report(command_span(*install, *pc), describe(*install, *pc) +
                                                   " leaves its cache (/var/cache/zypp) in this "
                                                   "layer; run `zypper clean --all` at the end of "
                                                   "the same RUN");
    }
  }
};

INFRALINT_REGISTER_RULE(ZypperNotCleaned);

}  // namespace
}  // namespace infralint
