#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`ln` replacing `/bin/sh` (`ln -sf /bin/bash /bin/sh`): the link it creates, its last operand,
is `/bin/sh` (or `/usr/bin/sh`). Links *to* `/bin/sh` elsewhere are not reported.

## Why it matters
Every later `RUN` of the image, every script of the base image that says `#!/bin/sh` and every
`sh -c` at run time now get another shell, silently. `SHELL` changes the shell of the
Dockerfile's own `RUN`s, visibly, and leaves the system alone.

## Example
```dockerfile
RUN ln -sf /bin/bash /bin/sh
RUN source /opt/env.sh && make
```

## Fixed
```dockerfile
SHELL ["/bin/bash", "-c"]
RUN source /opt/env.sh && make
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/ln-sh-instead-of-shell",
    .title = "/bin/sh replaced with ln instead of SHELL",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL4005", "kics:Changing Default Shell Using RUN Command"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class LnShInsteadOfShell final : public DockerfileRule {
 public:
  LnShInsteadOfShell() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_run_command(file, "ln", [&](const auto&, const shell::Command& cmd) {
      const shell::Word* link = nullptr;
      int operands = 0;
      for (const auto& arg : cmd.args) {
        if (arg.value.starts_with("-")) continue;
        link = &arg;
        ++operands;
      }
      if (!link || operands < 2) return;
      std::string_view path = link->value;
      while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
      if (path != "/bin/sh" && path != "/usr/bin/sh") return;
      sink.report(cmd.span, "ln replaces " + std::string(path) +
                                " for every later RUN and every script of the image; use SHELL "
                                "to choose the shell of RUN instead");
    });
  }
};

INFRALINT_REGISTER_RULE(LnShInsteadOfShell);

}  // namespace
}  // namespace infralint
