#include <fmt/format.h>

#include <array>

#include "engine/dockerfile_rule.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `WORKDIR`, once variables are resolved, inside a directory the kernel or the boot process
owns: `/proc`, `/sys`, `/dev`, `/boot`, `/initrd`, `/lost+found`.

## Why it matters
At run time `/proc`, `/sys` and `/dev` are replaced by the kernel's filesystems: whatever the
build wrote there vanishes, and commands run from there touch kernel interfaces. `/boot`,
`/initrd` and `/lost+found` belong to the host's boot and file system checks, not to an
application.

## Example
```dockerfile
WORKDIR /proc/app
```

## Fixed
```dockerfile
WORKDIR /app
```

No automatic fix: the intended directory is not known.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/workdir-in-system-path",
    .title = "WORKDIR in a system directory",
    .severity = Severity::warning,
    .categories = {Category::reliability, Category::security},
    .aliases = {"trivy:DS-0030"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

constexpr std::array<std::string_view, 6> kSystemDirs = {"/proc", "/sys",    "/dev",
                                                         "/boot", "/initrd", "/lost+found"};

// The system directory holding `path`, or empty.
std::string_view system_dir_of(std::string_view path) {
  for (std::string_view dir : kSystemDirs)
    if (path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/'))
      return dir;
  return {};
}

class WorkdirInSystemPath final : public DockerfileRule {
 public:
  WorkdirInSystemPath() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const dockerfile::Instruction& ins = file.instructions[i];
      if (ins.keyword != dockerfile::Keyword::workdir || ins.words.empty()) continue;
      auto path = dockerfile::expand(ins.words[0].raw, dockerfile::variables_at(file, i),
                                     file.escape);
      if (!path) continue;
      // "//proc" and "/./proc" are still /proc.
      std::string normal;
      for (std::size_t p = 0; p < path->size(); ++p) {
        if ((*path)[p] == '/' && normal.ends_with('/')) continue;
        if (path->compare(p, 2, "./") == 0 && normal.ends_with('/')) {
          ++p;
          continue;
        }
        normal += (*path)[p];
      }
      std::string_view dir = system_dir_of(normal);
      if (dir.empty()) continue;
      sink.report(ins.words[0].span,
                  fmt::format("WORKDIR `{}` is inside `{}`, which belongs to the kernel or the "
                              "host; work in a directory of your own such as `/app`",
                              *path, dir));
    }
  }
};

INFRALINT_REGISTER_RULE(WorkdirInSystemPath);

}  // namespace
}  // namespace infralint
