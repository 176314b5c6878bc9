#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A package of `yum install` named without a version (`httpd` rather than `httpd-2.4.6`), or a module of `yum module install` without a stream (`nodejs` rather than `nodejs:20`). Packages written with ARG or ENV variables are read with the variables' values, and
skipped when a value is unknown. Files, paths, URLs, groups, patterns and capabilities
(`'perl(JSON)'`) are not reported: they have no version to pin.

## Why it matters
Without a version, each build installs whatever the repository holds that day: two builds of
the same commit differ, and a rebuild months later can pull a release that breaks the image.

## Example
```dockerfile
RUN yum install -y httpd && yum clean all
```

## Fixed
```dockerfile
RUN yum install -y httpd-2.4.6-99.el7.centos.1 && yum clean all
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/yum-unpinned",
    .title = "yum install without package versions",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3033", "kics:Yum install Without Version"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class YumUnpinned final : public DockerfileRule {
 public:
  YumUnpinned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const UnpinnedInstall& install : unpinned_installs(file, {PackageTool::yum})) {
      const auto& loose = install.packages;
      std::string names = "`" + loose.front().text + "`";
      if (loose.size() > 1) names += " and " + std::to_string(loose.size() - 1) + " more";
      sink.report(loose.front().word->span.cover(loose.back().word->span),
                  std::string(to_string(install.tool)) + " installs " + names +
                      " without a version; pin " + std::string(loose.size() > 1 ? "each" : "it") +
                      " (`name-version`) so that rebuilds install what was tested");
    }
  }
};

INFRALINT_REGISTER_RULE(YumUnpinned);

}  // namespace
}  // namespace infralint
