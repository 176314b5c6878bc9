#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A package index refresh (`apt-get update`, `apk update`, `yum`/`dnf`/`microdnf makecache`,
`zypper refresh`) in a `RUN` where the same package manager installs or upgrades nothing after
it, and no script (`./install.sh`, `bash -c ...`, `make`) that might. `yum update` and `dnf update` are upgrades, not refreshes: `dockerfile/upgrade-in-build`
reports those.

## Why it matters
Docker caches each layer by the text of its instruction. A `RUN apt-get update` of its own is
built once and then reused for months, so a later `RUN apt-get install` works from that stale
index: it installs old versions, or fails when the mirror has dropped them.

## Example
```dockerfile
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
```

## Fixed
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/update-without-install",
    .title = "Package index refreshed without an install in the same RUN",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .compliance = {"CIS-Docker-1.6:4.7"},
    .aliases = {"trivy:DS-0017", "checkov:CKV_DOCKER_5", "kics:Update Instruction Alone"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// yum, dnf and microdnf share the rpm database and (on RHEL 8+) the metadata.
bool same_family(PackageTool a, PackageTool b) {
  auto rpm = [](PackageTool t) {
    return t == PackageTool::yum || t == PackageTool::dnf || t == PackageTool::microdnf;
  };
  return a == b || (rpm(a) && rpm(b));
}

bool uses_index(const PackageCommand& pc) {
  return pc.action == PackageAction::install || pc.action == PackageAction::upgrade_all ||
         pc.action == PackageAction::dist_upgrade;
}

// A script or an indirection we cannot see into may well install what the refresh is for.
bool may_run_a_script(const shell::Command& cmd) {
  std::string_view name = cmd.name.value;
  if (!cmd.name.literal || name.find('/') != std::string_view::npos || name.ends_with(".sh"))
    return true;
  for (std::string_view runner : {"sh", "bash", "dash", "ash", "zsh", "make", "xargs", "eval",
                                  "source", ".", "exec", "env", "sudo", "su", "chroot"})
    if (name == runner) return true;
  return false;
}

class UpdateWithoutInstall final : public DockerfileRule {
 public:
  UpdateWithoutInstall() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_instruction(file, dockerfile::Keyword::run, [&](const dockerfile::Instruction& run) {
      for (const auto& script : run.scripts)
        for (const auto& cmd : script.commands) {
          auto pc = read_package_command(cmd);
          if (!pc || pc->action != PackageAction::refresh_index || used_later(run, cmd, pc->tool))
            continue;
          std::string what = describe(cmd, *pc);
          sink.report(command_span(cmd, *pc),
                      what +
                          " in a RUN that installs nothing: Docker caches this layer, so a "
                          "later install works from a stale index; refresh and install in "
                          "the same RUN");
        }
    });
  }

 private:
  static bool used_later(const dockerfile::Instruction& run, const shell::Command& refresh,
                         PackageTool tool) {
    for (const auto& script : run.scripts)
      for (const auto& cmd : script.commands) {
        if (cmd.span.begin < refresh.span.end) continue;
        auto pc = read_package_command(cmd);
        if (pc && same_family(pc->tool, tool) && uses_index(*pc)) return true;
        if (may_run_a_script(cmd)) return true;
      }
    return false;
  }
};

INFRALINT_REGISTER_RULE(UpdateWithoutInstall);

}  // namespace
}  // namespace infralint
