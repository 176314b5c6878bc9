#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Commands that do nothing useful while an image is built: `free`, `top`, `ps`, `shutdown`,
`mount` (no privileges in a build), `vim` run interactively, `ssh` without an SSH mount
(`RUN --mount=type=ssh`), `service ... start` as the last command of a `RUN` (the daemon dies
with the `RUN`), and `service ... stop` or `kill` as the first one (nothing from an earlier
`RUN` is still running). Scripted `vim` (`vim -es`, `vim +PlugInstall +qa`), a daemon started
for the commands after it, and `kill` of a process the same `RUN` started are fine.

## Why it matters
Each `RUN` starts from a filesystem, not from a running system: no process survives from one
`RUN` to the next, there is no terminal, and the build has no privileges. These commands hang
the build, fail it, or show something nobody will see — usually a sign that the Dockerfile is
a shell session pasted into `RUN` lines.

## Example
```dockerfile
RUN apt-get update && apt-get install -y nginx && service nginx start
```

## Fixed
```dockerfile
RUN apt-get update && apt-get install -y nginx
CMD ["nginx", "-g", "daemon off;"]
```
)md";

const RuleMeta kMeta{
    .id = "dockerfile/pointless-command",
    .title = "Command with no use in a build",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL3001", "kics:Run Utilities And POSIX Commands"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool has_ssh_mount(const dockerfile::Instruction& run) {
  for (const auto& flag : run.flags)
    if (flag.name == "mount" && flag.value.find("type=ssh") != std::string::npos) return true;
  return false;
}

bool scripted_vim(const shell::Command& cmd) {
  for (const auto& arg : cmd.args) {
    std::string_view a = arg.value;
    if (a.starts_with("+") || a == "-c" || a == "-e" || a == "-E" || a == "-s" || a == "-es" ||
        a == "-Es" || a == "--cmd")
      return true;
  }
  return false;
}

std::string_view service_verb(const shell::Command& cmd) {
  return cmd.args.size() >= 2 ? std::string_view(cmd.args[1].value) : std::string_view{};
}

// Why `cmd` is pointless in `run`, or empty when it is not.
std::string_view pointless_because(const dockerfile::Instruction& run, const shell::Command& cmd,
                                   bool first_in_run, bool last_in_run) {
  std::string_view name = cmd.name.value;
  if (name == "free" || name == "top" || name == "ps")
    return "shows the state of a build container nobody looks at";
  if (name == "shutdown") return "cannot shut anything down in a build";
  if (name == "mount") return "needs privileges a build does not have";
  if (name == "vim" && !scripted_vim(cmd)) return "waits for a terminal a build does not have";
  if (name == "ssh" && !has_ssh_mount(run))
    return "has no keys nor terminal in a build; use RUN --mount=type=ssh if it is needed";
  if (name == "service") {
    std::string_view verb = service_verb(cmd);
    if (last_in_run && (verb == "start" || verb == "restart" || verb == "reload"))
      return "starts a daemon that dies with this RUN; start it in CMD or ENTRYPOINT";
    if (first_in_run && (verb == "stop" || verb == "status"))
      return "looks for a daemon, but no process survives from an earlier RUN";
  }
  if (name == "kill" && first_in_run)
    return "looks for a process, but no process survives from an earlier RUN";
  return {};
}

class PointlessCommand final : public DockerfileRule {
 public:
  PointlessCommand() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_instruction(file, dockerfile::Keyword::run, [&](const dockerfile::Instruction& run) {
      std::size_t total = 0, index = 0;
      for (const auto& script : run.scripts) total += script.commands.size();
      for (const auto& script : run.scripts)
        for (const auto& cmd : script.commands) {
          ++index;
          if (!cmd.name.literal) continue;
          std::string_view why = pointless_because(run, cmd, index == 1, index == total);
          if (why.empty()) continue;
          sink.report(cmd.span, "`" + cmd.name.value + "` " + std::string(why));
        }
    });
  }
};

INFRALINT_REGISTER_RULE(PointlessCommand);

}  // namespace
}  // namespace infralint
