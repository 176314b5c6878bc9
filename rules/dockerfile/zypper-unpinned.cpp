#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A package of `zypper install` named without a version or range (`curl` rather than `curl=8.6.0` or `'curl>=8'`). Packages written with ARG or ENV variables are read with the variables' values, and
skipped when a value is unknown. Files, paths, URLs, groups, patterns and capabilities
(`'perl(JSON)'`) are not reported: they have no version to pin.

## Why it matters
Without a version, each build installs whatever the repository holds that day: two builds of
the same commit differ, and a rebuild months later can pull a release that breaks the image.

## Example
```dockerfile
RUN zypper -n install curl && zypper clean --all
```

## Fixed
```dockerfile
RUN zypper -n install curl=8.6.0 && zypper clean --all
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/zypper-unpinned",
    .title = "zypper install without package versions",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3037", "kics:Zypper Install Without Version"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class ZypperUnpinned final : public DockerfileRule {
 public:
  ZypperUnpinned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const UnpinnedInstall& install : unpinned_installs(file, {PackageTool::zypper})) {
      const auto& loose = install.packages;
      std::string names = "`" + loose.front().text + "`";
      if (loose.size() > 1) names += " and " + std::to_string(loose.size() - 1) + " more";
      sink.report(loose.front().word->span.cover(loose.back().word->span),
                  std::string(to_string(install.tool)) + " installs " + names +
                      " without a version; pin " + std::string(loose.size() > 1 ? "each" : "it") +
                      " (`name=version`) so that rebuilds install what was tested");
    }
  }
};

INFRALINT_REGISTER_RULE(ZypperUnpinned);

}  // namespace
}  // namespace infralint
