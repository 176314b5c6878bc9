#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `WORKDIR` whose path, once variables are resolved, is relative. Windows paths (`C:\app`) are
absolute; a path built from a variable with no known value is not judged.

## Why it matters
A relative WORKDIR is resolved against the previous one, which may come from the base image:
the directory the commands run in changes when the base image does.

## Example
```dockerfile
WORKDIR app
```

## Fixed
```dockerfile
WORKDIR /app
```

No automatic fix: the intended absolute directory depends on the base image's WORKDIR.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/relative-workdir",
    .title = "WORKDIR is a relative path",
    .severity = Severity::error,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3000", "buildkit:WorkdirRelativePath", "trivy:DS-0009",
                "checkov:CKV_DOCKER_10", "kics:WORKDIR Path Not Absolute"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool is_absolute(std::string_view path) {
  if (path.starts_with('/')) return true;
  // Windows: C:\dir, C:/dir, \dir
  if (path.starts_with('\\')) return true;
  return path.size() >= 2 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':';
}

class RelativeWorkdir final : public DockerfileRule {
 public:
  RelativeWorkdir() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const auto& ins = file.instructions[i];
      if (ins.keyword != dockerfile::Keyword::workdir || ins.words.empty()) continue;
      const dockerfile::Word& path = ins.words[0];
      auto resolved =
          dockerfile::expand(path.raw, dockerfile::variables_at(file, i), file.escape);
      if (!resolved || resolved->empty() || is_absolute(*resolved)) continue;
      sink.report(path.span,
                  fmt::format("WORKDIR `{}` is relative, so it depends on the previous WORKDIR "
                              "(maybe the base image's); use an absolute path",
                              *resolved));
    }
  }
};

INFRALINT_REGISTER_RULE(RelativeWorkdir);

}  // namespace
}  // namespace infralint
