#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/package_install.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`go install pkg@latest` (or another moving query: `@master`, `@main`, `@HEAD`, `@upgrade`,
`@patch`). A package without `@version` is not reported: in module mode `go install` builds
the version the main module's go.mod requires (and refuses to run outside a module), so it is
pinned by go.mod; hadolint reports it all the same.

## Why it matters
`@latest` resolves to whatever was tagged last: two builds of the same commit can get
different tools, and a new major release can break a build nobody changed.

## Example
```dockerfile
RUN go install github.com/go-delve/delve/cmd/dlv@latest
```

## Fixed
```dockerfile
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1
```

There is no automatic fix: which version to pin is the project's choice.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/go-install-unpinned",
    .title = "go install of a moving version",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3062"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class GoInstallUnpinned final : public DockerfileRule {
 public:
  GoInstallUnpinned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_install(file, PackageManager::go, [&](const auto&, auto, const auto& install) {
      for (const PackageOperand* p : unpinned_packages(install)) {
        std::string_view text = p->text;
        sink.report(p->word->span,
                    fmt::format("go install {}: `{}` moves with each release or commit; pin as "
                                "{}@<version> so that rebuilds install the same tool",
                                text, text.substr(text.rfind('@')),
                                text.substr(0, text.rfind('@'))));
      }
    });
  }
};

INFRALINT_REGISTER_RULE(GoInstallUnpinned);

}  // namespace
}  // namespace infralint
