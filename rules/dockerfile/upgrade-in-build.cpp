#include "engine/dockerfile_rule.hpp"
#include "model/rpm_managers.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `RUN` that upgrades every installed package of the base image: `apt-get upgrade`,
`apt-get dist-upgrade`/`full-upgrade`, `apk upgrade`, `yum`/`dnf`/`microdnf update` or
`upgrade` (or `distro-sync`), `zypper update`. Upgrading named packages
(`apk upgrade openssl`, `yum update -y openssl`) is a targeted install and is not reported;
`zypper dist-upgrade` has its own rule, `dockerfile/zypper-dist-upgrade`.

## Why it matters
The image then depends on the day it was built rather than on the Dockerfile: two builds of the
same commit differ, a rebuild can pull in a broken release, and the layer duplicates most of
the base image's files. Security fixes belong in the base image: use a recent tag (or digest)
of an image its maintainers rebuild, and rebuild when it changes.

## Example
```dockerfile
RUN apk update && apk upgrade && apk add --no-cache ca-certificates
```

## Fixed
```dockerfile
RUN apk update && apk add --no-cache ca-certificates
```

The fix is unsafe (the image no longer gets the newer packages) and is offered only when the
upgrade is one link of an `&&` chain that can be dropped as text: `a && upgrade && b` becomes
`a && b`.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/upgrade-in-build",
    .title = "Whole-system package upgrade in a build",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"trivy:DS-0024", "kics:Run Using Upgrade Commands", "kics:Run Using dnf Update",
                "kics:Use of Apk Upgrade", "kics:Yum Update Enabled",
                "kics:Run Using Zypper Update"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// Whether `text` is one `&&` with blanks and line continuations around it.
bool is_and_link(std::string_view text, char escape) {
  int ands = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t') continue;
    if (c == '&' && i + 1 < text.size() && text[i + 1] == '&') {
      ++ands;
      ++i;
    } else if (c == escape && i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
      ++i;
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      return false;
    }
  }
  return ands == 1;
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t") == std::string_view::npos;
}

// The span to delete so that the && chain around `cmd` closes over it, if there is one.
std::optional<Span> chain_link_of(const Document& doc, const dockerfile::File& file,
                                  const dockerfile::Instruction& run, const shell::Script& script,
                                  const shell::Command& cmd) {
  if (!run.heredocs.empty() || script.has_error) return std::nullopt;
  const shell::Command* prev = nullptr;
  const shell::Command* next = nullptr;
  for (const auto& other : script.commands) {
    if (other.span.end <= cmd.span.begin && (!prev || other.span.end > prev->span.end))
      prev = &other;
    if (!next && other.span.begin >= cmd.span.end) next = &other;
  }
  Span before{prev ? prev->span.end : run.arguments_span.begin, cmd.span.begin};
  bool opens_chain =
      prev ? is_and_link(doc.slice(before), file.escape) : is_blank(doc.slice(before));
  if (!opens_chain) return std::nullopt;
  if (next && is_and_link(doc.slice({cmd.span.end, next->span.begin}), file.escape))
    return Span{cmd.span.begin, next->span.begin};
  if (!next && prev && is_blank(doc.slice({cmd.span.end, run.arguments_span.end})))
    return Span{prev->span.end, cmd.span.end};
  return std::nullopt;
}

class UpgradeInBuild final : public DockerfileRule {
 public:
  UpgradeInBuild() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_instruction(file, dockerfile::Keyword::run, [&](const dockerfile::Instruction& run) {
      for (const auto& script : run.scripts)
        for (const auto& cmd : script.commands) {
          auto pc = read_package_command(cmd);
          if (!pc || (pc->action != PackageAction::upgrade_all &&
                      pc->action != PackageAction::dist_upgrade))
            continue;
          if (pc->tool == PackageTool::zypper && pc->action == PackageAction::dist_upgrade)
            continue;  // dockerfile/zypper-dist-upgrade
          std::string what = describe(cmd, *pc);
          Finding& f = sink.report(
              command_span(cmd, *pc),
              what +
                  " upgrades the whole base image at build time, so the image depends on the "
                  "day it was built; use a newer base image instead");
          if (auto link = chain_link_of(doc, file, run, script, cmd))
            f.fix =
                Fix{"Remove `" + what + "` from the chain", {{*link, ""}}, Applicability::unsafe};
        }
    });
  }
};

INFRALINT_REGISTER_RULE(UpgradeInBuild);

}  // namespace
}  // namespace infralint
