#include <algorithm>
#include <map>
#include <optional>

#include "engine/dockerfile_rule.hpp"
#include "model/image_ref.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `RUN` with a pipeline (`curl -fsSL $URL | tar -xz`) in a stage whose shell does not stop on a
failure inside a pipe: no `SHELL` with `-o pipefail` (bash, zsh, ash, ...), and no
`set -o pipefail` earlier in the same script. Stages built `FROM` an earlier stage inherit its
`SHELL`; PowerShell and cmd stages are skipped. Pipelines whose upstream commands are only
`echo`/`printf` (which cannot fail) are not reported, nor those fed by `yes` (which pipefail
would turn into a failure when the reader stops reading).

## Why it matters
A pipeline's exit status is that of its last command: when `curl` fails, `tar` sees an empty
stream, and depending on the reader the RUN may still succeed and build an image without the
download. With `-o pipefail` the build stops at the failing command.

## Example
```dockerfile
FROM debian:bookworm-slim
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
```

## Fixed
```dockerfile
FROM debian:bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
```

The fix is unsafe: it switches the stage's `RUN`s from `/bin/sh` to bash (a different shell
for every later `RUN`), and makes builds fail where a pipe used to hide a failure. It is
offered once per stage, before the stage's first such `RUN`, only when the stage has no `SHELL`
yet and its base image is one known to ship bash (Debian, Ubuntu, the RHEL family, openSUSE,
and the official language images built on them). Alpine, BusyBox, distroless and unknown
images get no fix: on Alpine, `SHELL ["/bin/ash", "-o", "pipefail", "-c"]` does the same.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/pipe-without-pipefail",
    .title = "Pipe in RUN without pipefail",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"hadolint:DL4006", "kics:Shell Running A Pipe Without Pipefail"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

struct ShellState {
  bool pipefail = false;
  bool non_posix = false;  // PowerShell, cmd
  bool custom = false;     // a SHELL instruction was seen
};

std::string_view basename(std::string_view path) {
  std::size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// `-o pipefail`, also in a cluster (`-euo pipefail`).
template <typename Words>
bool sets_pipefail(const Words& words) {
  for (std::size_t i = 1; i < words.size(); ++i) {
    std::string_view opt = words[i - 1].value;
    if (words[i].value == "pipefail" && opt.size() > 1 && opt[0] == '-' && opt[1] != '-' &&
        opt.back() == 'o')
      return true;
  }
  return false;
}

ShellState read_shell(const dockerfile::Instruction& shell) {
  ShellState state;
  state.custom = true;
  if (shell.words.empty()) return state;
  std::string_view program = basename(shell.words.front().value);
  for (std::string_view p : {"pwsh", "powershell", "cmd"})
    if (program.starts_with(p)) state.non_posix = true;
  state.pipefail = sets_pipefail(shell.words);
  return state;
}

// The pipelines of a script, each as its stages' commands in order.
std::vector<std::vector<const shell::Command*>> pipelines_of(const shell::Script& script) {
  std::map<int, std::vector<const shell::Command*>> by_id;
  for (const auto& cmd : script.commands)
    if (cmd.pipeline >= 0) by_id[cmd.pipeline].push_back(&cmd);
  std::vector<std::vector<const shell::Command*>> out;
  for (auto& [id, commands] : by_id)
    if (commands.size() > 1) out.push_back(std::move(commands));
  std::sort(out.begin(), out.end(),
            [](const auto& x, const auto& y) { return x.front()->span < y.front()->span; });
  return out;
}

bool failure_can_hide(const std::vector<const shell::Command*>& pipeline) {
  bool only_echo = true;
  for (std::size_t i = 0; i + 1 < pipeline.size(); ++i) {
    std::string_view name = pipeline[i]->name.value;
    if (name == "yes") return false;
    if (name != "echo" && name != "printf") only_echo = false;
  }
  return !only_echo;
}

bool sets_pipefail_before(const shell::Script& script, std::size_t offset) {
  for (const auto& cmd : script.commands)
    if (cmd.span.begin < offset && cmd.name.value == "set" && sets_pipefail(cmd.args)) return true;
  return false;
}

// Images known to ship /bin/bash, unless the name or tag names a variant without it.
bool known_to_have_bash(const std::string& image) {
  auto ref = parse_image_ref(image);
  if (!ref) return false;
  for (std::string_view marker : {"alpine", "busybox", "distroless", "chiseled", "nanoserver",
                                  "windowsservercore", "micro", "scratch"})
    if (ref->tag.find(marker) != std::string::npos ||
        ref->repository.find(marker) != std::string::npos)
      return false;
  std::string_view name = basename(ref->repository);
  for (std::string_view known : {"debian",
                                 "ubuntu",
                                 "centos",
                                 "fedora",
                                 "rockylinux",
                                 "almalinux",
                                 "amazonlinux",
                                 "oraclelinux",
                                 "ubi",
                                 "ubi8",
                                 "ubi9",
                                 "ubi-minimal",
                                 "leap",
                                 "tumbleweed",
                                 "buildpack-deps",
                                 "python",
                                 "node",
                                 "golang",
                                 "ruby",
                                 "php",
                                 "openjdk",
                                 "eclipse-temurin",
                                 "amazoncorretto",
                                 "maven",
                                 "gradle",
                                 "rust",
                                 "perl",
                                 "gcc",
                                 "nginx",
                                 "httpd",
                                 "postgres",
                                 "mysql",
                                 "mariadb",
                                 "redis",
                                 "cuda"})
    if (name == known) return true;
  return false;
}

class PipeWithoutPipefail final : public DockerfileRule {
 public:
  PipeWithoutPipefail() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    std::vector<ShellState> at_end(file.stages.size());
    for (std::size_t s = 0; s < file.stages.size(); ++s) {
      const auto& stage = file.stages[s];
      ShellState state = stage.parent && *stage.parent < s ? at_end[*stage.parent] : ShellState{};
      bool fix_offered = false;
      for (std::size_t i = stage.first; i < stage.last && i < file.instructions.size(); ++i) {
        const auto& ins = file.instructions[i];
        if (ins.keyword == dockerfile::Keyword::shell) state = read_shell(ins);
        if (ins.keyword != dockerfile::Keyword::run || ins.exec_form || state.non_posix ||
            state.pipefail)
          continue;
        const shell::Command* first = unguarded_pipe(ins);
        if (!first) continue;
        Finding& f = sink.report(
            first->span,
            "`" + first->name.value +
                "` is piped into another command with no pipefail: if it fails, the RUN still "
                "succeeds when the last command does; set SHELL [\"/bin/bash\", \"-o\", "
                "\"pipefail\", \"-c\"] (or `set -o pipefail` in the script)");
        if (!fix_offered && !state.custom && bash_in_base_of(file, s)) {
          std::string keyword = keyword_in_casing_of(doc.slice(ins.keyword_span), "SHELL");
          std::string indent = indentation_before(doc, ins.keyword_span.begin);
          f.fix = Fix{"Set SHELL with -o pipefail for this stage",
                      {{{ins.keyword_span.begin, ins.keyword_span.begin},
                        keyword + " [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n" + indent}},
                      Applicability::unsafe};
        }
        fix_offered = true;
      }
      at_end[s] = state;
    }
  }

 private:
  static const shell::Command* unguarded_pipe(const dockerfile::Instruction& run) {
    for (const auto& script : run.scripts) {
      if (!script.has_pipeline) continue;
      for (const auto& pipeline : pipelines_of(script))
        if (failure_can_hide(pipeline) &&
            !sets_pipefail_before(script, pipeline.front()->span.begin))
          return pipeline.front();
    }
    return nullptr;
  }

  static bool bash_in_base_of(const dockerfile::File& file, std::size_t stage) {
    for (std::size_t hops = 0; hops <= file.stages.size(); ++hops) {
      const auto& s = file.stages[stage];
      if (!s.parent) return s.resolved_image && known_to_have_bash(*s.resolved_image);
      stage = *s.parent;
    }
    return false;
  }

  static std::string indentation_before(const Document& doc, std::size_t offset) {
    std::string_view text = doc.text();
    std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    if (offset == 0) line_start = 0;
    std::string_view lead = text.substr(line_start, offset - line_start);
    return lead.find_first_not_of(" \t") == std::string_view::npos ? std::string(lead) : "";
  }
};

INFRALINT_REGISTER_RULE(PipeWithoutPipefail);

}  // namespace
}  // namespace infralint
