#include <algorithm>

#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `RUN` that installs or upgrades packages with `dnf` but does not run `dnf clean all` after it in
the same instruction, in a stage whose layers end up in the final image.
`yum clean all` counts too (yum is dnf on RHEL 8 and later), and so does removing `/var/cache/dnf`, `/var/cache/yum` or `/var/cache/libdnf5`. `tdnf` and `dnf5` count as dnf; `microdnf` has its own rule. A `RUN --mount=type=cache` (or `tmpfs`) over the cache directory keeps the cache out of
the image, so it is fine too.

## Why it matters
dnf keeps repository metadata (and, depending on its configuration, the downloaded
packages) in `/var/cache/dnf`: often a hundred megabytes no running container needs. Once committed
in a layer, a `RUN` that deletes it later does not shrink the image.

## Example
```dockerfile
RUN dnf install -y nginx
```

## Fixed
```dockerfile
RUN dnf install -y nginx \
    && dnf clean all
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/dnf-not-cleaned",
    .title = "dnf cache left in the image",
    .severity = Severity::warning,
    .categories = {Category::performance, Category::cost},
    .aliases = {"hadolint:DL3040", "trivy:DS-0019", "kics:Missing Dnf Clean All"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class DnfNotCleaned final : public DockerfileRule {
 public:
  DnfNotCleaned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const shell::Command* install :
         uncleaned_installs_in_final_image(file, PackageTool::dnf)) {
      auto pc = read_package_command(*install);
      sink.report(
          command_span(*install, *pc),
          describe(*install, *pc) +
              " leaves its cache (/var/cache/dnf) in this layer; run `dnf clean all` at the end of "
              "the same RUN");
    }
  }
};

INFRALINT_REGISTER_RULE(DnfNotCleaned);

}  // namespace
}  // namespace infralint
