#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/package_install.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`npm install` (`npm i`, `npm add`) of a named package without a version (`typescript` rather
than `typescript@5.4.5`), or with the moving `@latest`/`@next` tag. `npm ci` and a bare
`npm install` (which read package.json and the lock file) are fine, as are local folders,
tarballs and git references with a `#ref`. Packages held in a variable whose value is a list
or unknown are not judged.

## Why it matters
Without a version, each build installs the newest release on the registry that day: two builds
of the same commit can differ, and a new major release can break a build nobody changed.
hadolint accepts `@latest`; it names a tag that moves with every release, not a version.

## Example
```dockerfile
RUN npm install -g pnpm@latest typescript
```

## Fixed
```dockerfile
RUN npm install -g pnpm@9.1.0 typescript@5.4.5
```

There is no automatic fix: which version to pin is the project's choice.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/npm-unpinned",
    .title = "npm install without package versions",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3016", "kics:NPM Install Command Without Pinned Version"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class NpmUnpinned final : public DockerfileRule {
 public:
  NpmUnpinned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_install(file, PackageManager::npm, [&](const auto&, auto, const auto& install) {
      auto unpinned = unpinned_packages(install);
      if (unpinned.empty()) return;
      const std::string& first = unpinned.front()->text;
      std::string name = first.substr(0, first.find('@', first.starts_with('@') ? 1 : 0));
      sink.report(packages_span(unpinned),
                  fmt::format("{} installed without a version{}; pin as {}@<version> so that "
                              "rebuilds install the same packages",
                              package_list(unpinned),
                              unpinned.front()->moving_tag ? " (a tag such as @latest moves)" : "",
                              name));
    });
  }
};

INFRALINT_REGISTER_RULE(NpmUnpinned);

}  // namespace
}  // namespace infralint
