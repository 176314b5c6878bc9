#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A package of `dnf install` or `microdnf install` named without a version (`nginx` rather than `nginx-1.20.1`), or a module of `dnf module install` without a stream (`nodejs` rather than `nodejs:20`). `tdnf` and `dnf5` count as dnf. Packages written with ARG or ENV variables are read with the variables' values, and
skipped when a value is unknown. Files, paths, URLs, groups, patterns and capabilities
(`'perl(JSON)'`) are not reported: they have no version to pin.

## Why it matters
Without a version, each build installs whatever the repository holds that day: two builds of
the same commit differ, and a rebuild months later can pull a release that breaks the image.

## Example
```dockerfile
RUN dnf install -y nginx && dnf clean all
```

## Fixed
```dockerfile
RUN dnf install -y nginx-1.24.0 && dnf clean all
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/dnf-unpinned",
    .title = "dnf install without package versions",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3041", "kics:Missing Version Specification In dnf install"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class DnfUnpinned final : public DockerfileRule {
 public:
  DnfUnpinned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const UnpinnedInstall& install :
         unpinned_installs(file, {PackageTool::dnf, PackageTool::microdnf})) {
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

INFRALINT_REGISTER_RULE(DnfUnpinned);

}  // namespace
}  // namespace infralint
