#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/package_install.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`gem install` of a gem without a version: neither `gem:version` nor `-v`/`--version`. Local
`.gem` files are fine; gems held in a variable whose value is a list or unknown are not judged.

## Why it matters
Without a version, each build installs the newest release on rubygems.org that day: two
builds of the same commit can differ, and a new major release (of bundler, say) can break a
build nobody changed.

## Example
```dockerfile
RUN gem install bundler
```

## Fixed
```dockerfile
RUN gem install bundler:2.5.10
```

There is no automatic fix: which version to pin is the project's choice.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/gem-unpinned",
    .title = "gem install without versions",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3028", "kics:Gem Install Without Version"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class GemUnpinned final : public DockerfileRule {
 public:
  GemUnpinned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_install(file, PackageManager::gem, [&](const auto&, auto, const auto& install) {
      auto unpinned = unpinned_packages(install);
      if (unpinned.empty()) return;
      sink.report(packages_span(unpinned),
                  fmt::format("{} installed without a version; pin as {}:<version> (or -v "
                              "<version>) so that rebuilds install the same gems",
                              package_list(unpinned), unpinned.front()->text));
    });
  }
};

INFRALINT_REGISTER_RULE(GemUnpinned);

}  // namespace
}  // namespace infralint
