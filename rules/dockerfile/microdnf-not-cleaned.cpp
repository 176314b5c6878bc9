#include <algorithm>

#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `RUN` that installs or upgrades packages with `microdnf` but does not run `microdnf clean all` after it in
the same instruction, in a stage whose layers end up in the final image.
Removing `/var/cache/yum` (where microdnf keeps its cache) counts too. A `RUN --mount=type=cache` (or `tmpfs`) over the cache directory keeps the cache out of
the image, so it is fine too.

## Why it matters
microdnf keeps repository metadata (and, depending on its configuration, the downloaded
packages) in `/var/cache/yum`: often a hundred megabytes no running container needs. Once committed
in a layer, a `RUN` that deletes it later does not shrink the image.

## Example
```dockerfile
RUN microdnf install -y shadow-utils
```

## Fixed
```dockerfile
RUN microdnf install -y shadow-utils \
    && microdnf clean all
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/microdnf-not-cleaned",
    .title = "microdnf cache left in the image",
    .severity = Severity::warning,
    .categories = {Category::performance, Category::cost},
    .aliases = {"trivy:DS-0027"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class MicrodnfNotCleaned final : public DockerfileRule {
 public:
  MicrodnfNotCleaned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const shell::Command* install :
         uncleaned_installs_in_final_image(file, PackageTool::microdnf)) {
      auto pc = read_package_command(*install);
      sink.report(command_span(*install, *pc), describe(*install, *pc) +
                                                   " leaves its cache (/var/cache/yum) in this "
                                                   "layer; run `microdnf clean all` at the end of "
                                                   "the same RUN");
    }
  }
};

INFRALINT_REGISTER_RULE(MicrodnfNotCleaned);

}  // namespace
}  // namespace infralint
