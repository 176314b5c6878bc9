#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"
#include "model/package_install.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
In a stage whose layers end up in the final image, `pip install` (also `pip3`,
`python -m pip`) without `--no-cache-dir`. It is fine when `PIP_NO_CACHE_DIR` is set (by ENV,
ARG or on the command), when the RUN mounts a build cache on the pip cache (`~/.cache/pip`),
or when the same RUN deletes it (`rm -rf ~/.cache/pip`, `pip cache purge`). Build stages are
not reported: their files never reach the image.

## Why it matters
pip keeps every wheel it downloads or builds in `~/.cache/pip`; in an image that is dead
weight, often as large as the installed packages themselves.

## Example
```dockerfile
RUN pip install -r requirements.txt
```

## Fixed
```dockerfile
RUN pip install --no-cache-dir -r requirements.txt
```

The fix is safe: it adds `--no-cache-dir` after `install`.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/pip-missing-no-cache-dir",
    .title = "pip install keeps its cache in the image",
    .severity = Severity::warning,
    .categories = {Category::performance, Category::cost},
    .aliases = {"hadolint:DL3042", "kics:Pip install Keeping Cached Packages"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool disables_cache(std::optional<std::string> value) {
  return !value || (*value != "0" && *value != "false" && *value != "off" && *value != "no");
}

bool cache_disabled(const Document& doc, const dockerfile::File& file, std::size_t index,
                    const shell::Command& cmd) {
  // `PIP_NO_CACHE_DIR=1 pip install ...`: the assignments before the command name.
  std::string_view before = doc.slice({cmd.span.begin, cmd.name.span.begin});
  if (std::size_t at = before.find("PIP_NO_CACHE_DIR="); at != std::string_view::npos) {
    std::string_view value = before.substr(at + 17);
    return disables_cache(std::string(value.substr(0, value.find_first_of(" \t\n"))));
  }
  const auto& vars = dockerfile::variables_at(file, index);
  const dockerfile::Variables::Value* value = vars.find("PIP_NO_CACHE_DIR");
  return value && disables_cache(*value);
}

class PipMissingNoCacheDir final : public DockerfileRule {
 public:
  PipMissingNoCacheDir() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_package_install(file, PackageManager::pip, [&](const auto& run, std::size_t index,
                                                            const PackageInstall& install) {
      const shell::Command& cmd = *install.command;
      if (has_option(cmd, {"no-cache-dir"}) || !in_final_image(file, index) ||
          has_cache_mount(run, "~/.cache/pip") || removes_path(run, "~/.cache/pip") ||
          runs_subcommand(run, cmd.name.value, "cache", "purge") ||
          cache_disabled(doc, file, index, cmd))
        return;
      Span end{install.subcommand->span.end, install.subcommand->span.end};
      sink.report(cmd.name.span.cover(install.subcommand->span),
                  "pip install keeps every downloaded wheel in ~/.cache/pip in the image; add "
                  "--no-cache-dir",
                  Fix{"Add --no-cache-dir", {{end, " --no-cache-dir"}}, Applicability::safe});
    });
  }
};

INFRALINT_REGISTER_RULE(PipMissingNoCacheDir);

}  // namespace
}  // namespace infralint
