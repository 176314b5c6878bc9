#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`sudo` run by a RUN instruction.

## Why it matters
A build step already runs as the USER in effect: to run steps as root, switch with `USER root`
and back. `sudo` in an image means it is installed and configured there, a privilege
escalation path left for whatever runs in the container; its TTY and environment handling also
make builds behave unpredictably. At run time, `gosu` or `su-exec` drop privileges without
those problems.

## Example
```dockerfile
USER app
RUN sudo apt-get install -y curl
```

## Fixed
```dockerfile
USER root
RUN apt-get install -y curl
USER app
```

There is no automatic fix: where to switch USER is the author's choice.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/sudo",
    .title = "sudo used in a build",
    .severity = Severity::error,
    .categories = {Category::security},
    .aliases = {"hadolint:DL3004", "trivy:DS-0010", "checkov:CKV2_DOCKER_1", "kics:Run Using Sudo"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class Sudo final : public DockerfileRule {
 public:
  Sudo() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_run_command(file, "sudo", [&](const auto&, const shell::Command& cmd) {
      sink.report(cmd.name.span,
                  "sudo in a RUN: switch with USER root (and back) for the steps that need "
                  "root, and use gosu or su-exec at run time");
    });
  }
};

INFRALINT_REGISTER_RULE(Sudo);

}  // namespace
}  // namespace infralint
