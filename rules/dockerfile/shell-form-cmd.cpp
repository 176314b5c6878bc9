#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`CMD` or `ENTRYPOINT` in shell form (`CMD node server.js`) instead of exec (JSON) form.

## Why it matters
In shell form the process runs under `/bin/sh -c`: the shell is PID 1, so `docker stop` and
Kubernetes' SIGTERM reach the shell, not your process, which is killed after the grace period
instead of shutting down cleanly. A shell-form ENTRYPOINT also ignores CMD and `docker run`
arguments.

## Example
```dockerfile
CMD node server.js
```

## Fixed
```dockerfile
CMD ["node", "server.js"]
```

A fix is offered when the command uses no shell feature (no variables, pipes, redirections,
globs or operators), so exec form runs exactly the same program and arguments. It is safe for
a CMD in an image without ENTRYPOINT; it is unsafe for ENTRYPOINT, and for CMD next to an
ENTRYPOINT, because the arguments that reach the entrypoint change. An instruction with a
comment line between its continuation lines gets no fix: exec form could not keep the comment.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/shell-form-cmd",
    .title = "CMD or ENTRYPOINT in shell form",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL3025", "buildkit:JSONArgsRecommended",
                "kics:CMD/ENTRYPOINT Not Using JSON Notation"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

std::string exec_form(const shell::Command& cmd) {
  nlohmann::json argv = nlohmann::json::array();
  argv.push_back(cmd.name.value);
  for (const auto& a : cmd.args) argv.push_back(a.value);
  std::string out = "[";
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (i) out += ", ";
    out += argv[i].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return out + "]";
}

bool stage_has_entrypoint(const dockerfile::File& file, std::size_t stage) {
  for (std::size_t s = stage, hops = 0; s < file.stages.size() && hops <= file.stages.size();
       ++hops) {
    for (std::size_t i = file.stages[s].first; i < file.stages[s].last; ++i)
      if (file.instructions[i].keyword == dockerfile::Keyword::entrypoint) return true;
    if (!file.stages[s].parent) break;
    s = *file.stages[s].parent;
  }
  return false;
}

class ShellFormCmd final : public DockerfileRule {
 public:
  ShellFormCmd() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (const auto& ins : file.instructions) {
      bool is_cmd = ins.keyword == dockerfile::Keyword::cmd;
      if ((!is_cmd && ins.keyword != dockerfile::Keyword::entrypoint) || ins.exec_form ||
          ins.arguments_span.empty())
        continue;
      std::string_view keyword = doc.slice(ins.keyword_span);
      Finding& f = sink.report(
          ins.keyword_span.cover(ins.arguments_span),
          fmt::format("{} in shell form runs under /bin/sh -c, so signals reach the shell, not "
                      "your process; use exec form [\"cmd\", \"arg\"]",
                      keyword));
      if (ins.scripts.size() != 1) continue;
      const shell::Script& script = ins.scripts.front();
      if (script.has_error || script.uses_shell_features || script.commands.size() != 1) continue;
      if (holds_comment(file, ins)) continue;  // exec form has no place for it
      bool safe = is_cmd && !stage_has_entrypoint(file, ins.stage);
      f.fix = Fix{"Use exec form",
                  {{ins.arguments_span, exec_form(script.commands.front())}},
                  safe ? Applicability::safe : Applicability::unsafe};
    }
  }
};

INFRALINT_REGISTER_RULE(ShellFormCmd);

}  // namespace
}  // namespace infralint
