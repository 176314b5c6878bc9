#include <fmt/format.h>

#include <array>

#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`FROM --platform=linux/amd64 …` with a constant platform, in a stage whose name does not
mention that OS or architecture (a stage named `build-amd64` is taken as deliberate).

## Why it matters
A constant platform makes the stage build for that platform whatever the build targets: a
multi-platform build ships amd64 binaries in its arm64 image, or runs under emulation. Use
`--platform=$BUILDPLATFORM` for build stages that cross-compile, `$TARGETPLATFORM` (the default)
otherwise.
BuildKit check:
[FromPlatformFlagConstDisallowed](https://docs.docker.com/go/dockerfile/rule/from-platform-flag-const-disallowed/).

## Example
```dockerfile
FROM --platform=linux/amd64 golang:1.22 AS build
```

## Fixed
```dockerfile
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
```

No automatic fix: which platform variable fits depends on what the stage does.

hadolint's DL3029 is answered by this rule (suppressions naming DL3029 apply to it). hadolint also
flags `--platform=$SOME_ARG` and stages named for their platform; infralint follows BuildKit
there: an ARG may carry `$TARGETPLATFORM`, and `build-amd64` says the pin is deliberate.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/from-platform-flag-constant",
    .title = "FROM --platform with a constant value",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"buildkit:FromPlatformFlagConstDisallowed", "hadolint:DL3029"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

constexpr std::array<std::string_view, 9> kOperatingSystems = {
    "linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "solaris", "illumos", "aix"};

// containerd's architecture normalisation for the common aliases.
std::string normalized_arch(std::string arch) {
  if (arch == "x86_64" || arch == "x86-64") return "amd64";
  if (arch == "aarch64") return "arm64";
  if (arch == "i386") return "386";
  return arch;
}

bool known_arch(std::string_view arch) {
  constexpr std::array<std::string_view, 12> kArchs = {
      "amd64", "arm64", "arm", "386", "ppc64le", "ppc64", "s390x", "riscv64", "mips64le",
      "mips64", "loong64", "wasm"};
  for (auto a : kArchs)
    if (a == arch) return true;
  return false;
}

class FromPlatformFlagConstant final : public DockerfileRule {
 public:
  FromPlatformFlagConstant() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (const dockerfile::Stage& stage : file.stages) {
      if (!stage.platform || stage.platform->value.find('$') != std::string::npos) continue;
      std::string value = stage.platform->value;
      std::string os, arch;
      auto slash = value.find('/');
      std::string first = value.substr(0, slash);
      for (char& c : first) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      bool first_is_os = false;
      for (auto o : kOperatingSystems) first_is_os = first_is_os || o == first;
      if (first_is_os) {
        os = first;
        if (slash != std::string::npos) arch = value.substr(slash + 1, value.find('/', slash + 1) - slash - 1);
      } else {
        arch = first;
      }
      arch = normalized_arch(arch);
      if (!first_is_os && !known_arch(arch)) continue;
      std::string name = stage.name ? stage.name->value : "";
      if ((!os.empty() && name.find(os) != std::string::npos) ||
          (!arch.empty() && name.find(arch) != std::string::npos))
        continue;
      sink.report(stage.platform->span,
                  fmt::format("FROM --platform={} builds this stage for that platform whatever "
                              "the build targets; use $BUILDPLATFORM or $TARGETPLATFORM",
                              value));
    }
  }
};

INFRALINT_REGISTER_RULE(FromPlatformFlagConstant);

}  // namespace
}  // namespace infralint
