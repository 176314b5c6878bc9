#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/package_install.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`pip install` (also `pip3`, `python -m pip`) of a package without a version specifier (`flask`
rather than `flask==3.0.3`). Requirement files (`-r`), a constraints file (`-c`, or
`PIP_CONSTRAINT` in the environment), local paths, wheels, archives, URLs and VCS references
with a `@ref` are fine; packages held in a variable whose value is a list or unknown are not
judged. `pip install --upgrade pip` is reported like any other package.

## Why it matters
Without a version, each build installs the newest release on PyPI that day: two builds of the
same commit can differ, and a new major release can break a build nobody changed.

## Example
```dockerfile
RUN pip install --no-cache-dir flask gunicorn
```

## Fixed
```dockerfile
RUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0
```

There is no automatic fix: which version to pin is the project's choice (a requirements file
or a lock file keeps them in one place).
)md";

const RuleMeta kMeta{
    .id = "dockerfile/pip-unpinned",
    .title = "pip install without package versions",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3013", "kics:Unpinned Package Version in Pip Install"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class PipUnpinned final : public DockerfileRule {
 public:
  PipUnpinned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_install(file, PackageManager::pip, [&](const auto&, auto, const auto& install) {
      auto unpinned = unpinned_packages(install);
      if (unpinned.empty()) return;
      const std::string& first = unpinned.front()->text;
      bool vcs = first.find("://") != std::string::npos;
      sink.report(packages_span(unpinned),
                  fmt::format("{} installed without a version; pin as {}{} (or use a "
                              "requirements or constraints file) so that rebuilds install the "
                              "same packages",
                              package_list(unpinned), first, vcs ? "@<tag>" : "==<version>"));
    });
  }
};

INFRALINT_REGISTER_RULE(PipUnpinned);

}  // namespace
}  // namespace infralint
