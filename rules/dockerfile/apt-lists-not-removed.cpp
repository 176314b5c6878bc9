#include <fmt/format.h>

#include <algorithm>

#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `RUN` that runs `apt-get update` but does not delete `/var/lib/apt/lists` in the same
instruction, in a stage whose layers end up in the final image. A cache mount over
`/var/lib/apt` or `/var/lib/apt/lists` keeps the lists out of the image, so it is fine.

## Why it matters
The package lists are tens of megabytes that no running container needs; once committed in a
layer, a later `rm` does not shrink the image.

## Example
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Fixed
```dockerfile
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```

The fix is safe and offered only when no later instruction of the image uses apt (which would
need the lists), and the RUN is a plain shell-form command line.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/apt-lists-not-removed",
    .title = "apt lists left in the image",
    .severity = Severity::info,
    .categories = {Category::performance, Category::cost},
    .aliases = {"hadolint:DL3009", "kics:Apt Get Install Lists Were Not Deleted"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool is_apt(const shell::Command& cmd) {
  return cmd.name.literal && (cmd.name.value == "apt-get" || cmd.name.value == "apt" ||
                              cmd.name.value == "apt-cache" || cmd.name.value == "aptitude");
}

bool runs_apt_update(const dockerfile::Instruction& run) {
  for (const auto& script : run.scripts)
    for (const auto& cmd : script.commands)
      if (is_apt(cmd) && cmd.name.value != "apt-cache") {
        const shell::Word* sub = first_operand(cmd, "otc");
        if (sub && sub->value == "update") return true;
      }
  return false;
}

bool removes_lists(const dockerfile::Instruction& run) {
  for (const auto& script : run.scripts)
    for (const auto& cmd : script.commands) {
      if (!cmd.name.literal || cmd.name.value != "rm") continue;
      for (const auto& arg : cmd.args)
        if (arg.value.starts_with("/var/lib/apt/lists")) return true;
    }
  return false;
}

bool has_apt_cache_mount(const dockerfile::Instruction& run) {
  for (const auto& flag : run.flags) {
    if (flag.name != "mount") continue;
    std::string_view v = flag.value;
    bool cache = v.find("type=cache") != std::string_view::npos;
    for (std::string_view target : {"target=/var/lib/apt", "dst=/var/lib/apt",
                                    "destination=/var/lib/apt"})
      if (cache && v.find(target) != std::string_view::npos) return true;
  }
  return false;
}

bool uses_apt(const dockerfile::Instruction& run) {
  for (const auto& script : run.scripts)
    for (const auto& cmd : script.commands)
      if (is_apt(cmd)) return true;
  return false;
}

class AptListsNotRemoved final : public DockerfileRule {
 public:
  AptListsNotRemoved() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    std::vector<std::size_t> stages = final_image_stages(file);
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const auto& run = file.instructions[i];
      if (run.keyword != dockerfile::Keyword::run || run.exec_form) continue;
      if (std::find(stages.begin(), stages.end(), run.stage) == stages.end()) continue;
      if (!runs_apt_update(run) || removes_lists(run) || has_apt_cache_mount(run)) continue;
      Finding& f = sink.report(run.keyword_span.cover(run.arguments_span),
                               "apt-get update leaves /var/lib/apt/lists in this layer; delete "
                               "it in the same RUN (rm -rf /var/lib/apt/lists/*)");
      if (run.heredocs.empty() && !later_apt_use(file, i)) {
        Span end{run.arguments_span.end, run.arguments_span.end};
        // A trailing comment or escape on the last line would swallow the addition.
        std::string_view tail = doc.slice(run.arguments_span);
        if (!tail.empty() && tail.back() != '\\' && tail.back() != '`') {
          std::string addition =
              fmt::format(" {}\n    && rm -rf /var/lib/apt/lists/*", file.escape);
          f.fix = Fix{"Remove the apt lists in the same RUN", {{end, addition}},
                      Applicability::safe};
        }
      }
    }
  }

 private:
  // Whether a RUN after `index`, in the same stage or one built FROM it, uses apt (and so may
  // need the lists). An exec-form RUN is opaque: assume it might.
  static bool later_apt_use(const dockerfile::File& file, std::size_t index) {
    std::size_t origin = file.instructions[index].stage;
    for (std::size_t j = index + 1; j < file.instructions.size(); ++j) {
      const auto& ins = file.instructions[j];
      if (ins.keyword != dockerfile::Keyword::run || !descends_from(file, ins.stage, origin))
        continue;
      if (uses_apt(ins) || ins.exec_form) return true;
    }
    return false;
  }

  static bool descends_from(const dockerfile::File& file, std::size_t stage, std::size_t origin) {
    for (std::size_t hops = 0; stage < file.stages.size() && hops <= file.stages.size(); ++hops) {
      if (stage == origin) return true;
      if (!file.stages[stage].parent) return false;
      stage = *file.stages[stage].parent;
    }
    return false;
  }
};

INFRALINT_REGISTER_RULE(AptListsNotRemoved);

}  // namespace
}  // namespace infralint
