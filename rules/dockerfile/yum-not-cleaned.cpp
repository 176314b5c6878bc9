#include <algorithm>

#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `RUN` that installs or upgrades packages with `yum` but does not run `yum clean all` after it in
the same instruction, in a stage whose layers end up in the final image.
`dnf clean all` counts too (on RHEL 8 and later yum is dnf), and so does `rm -rf /var/cache/yum`. A `RUN --mount=type=cache` (or `tmpfs`) over the cache directory keeps the cache out of
the image, so it is fine too.

## Why it matters
yum keeps repository metadata (and, depending on its configuration, the downloaded
packages) in `/var/cache/yum`: often a hundred megabytes no running container needs. Once committed
in a layer, a `RUN` that deletes it later does not shrink the image.

## Example
```dockerfile
RUN yum install -y httpd
```

## Fixed
```dockerfile
RUN yum install -y httpd \
    && yum clean all
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/yum-not-cleaned",
    .title = "yum cache left in the image",
    .severity = Severity::warning,
    .categories = {Category::performance, Category::cost},
    .aliases = {"hadolint:DL3032", "trivy:DS-0015", "kics:Yum Clean All Missing"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class YumNotCleaned final : public DockerfileRule {
 public:
  YumNotCleaned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const shell::Command* install :
         uncleaned_installs_in_final_image(file, PackageTool::yum)) {
      auto pc = read_package_command(*install);
      sink.report(
          command_span(*install, *pc),
          describe(*install, *pc) +
              " leaves its cache (/var/cache/yum) in this layer; run `yum clean all` at the end of "
              "the same RUN");
    }
  }
};

INFRALINT_REGISTER_RULE(YumNotCleaned);

}  // namespace
}  // namespace infralint
