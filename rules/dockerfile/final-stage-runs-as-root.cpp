#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An image whose container runs as root: the final stage's last `USER` is `root` or `0`, or no
`USER` is set in the final stage or the stages it is built `FROM`. Build stages that are not
part of the final image may use root freely. Base images whose name says they run unprivileged
(`nonroot`, `unprivileged`, `rootless`) are trusted to do so.

## Why it matters
A process running as root inside a container is root on the host's kernel: one escape or
mis-mounted volume away from the node. Most services need no privilege at all.

## Example
```dockerfile
FROM node:20-alpine
COPY . /app
CMD ["node", "/app/server.js"]
```

## Fixed
```dockerfile
FROM node:20-alpine
COPY . /app
USER 10001:10001
CMD ["node", "/app/server.js"]
```

The fix is unsafe: a numeric user needs no `useradd` and works in scratch and distroless images,
but files the process writes must be writable by UID 10001; check volumes and directories.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/final-stage-runs-as-root",
    .title = "Container runs as root",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:4.1", "NSA-CISA-K8s"},
    .aliases = {"hadolint:DL3002", "trivy:DS-0002", "checkov:CKV_DOCKER_3", "checkov:CKV_DOCKER_8",
                "kics:Missing User Instruction", "kics:Last User Is 'root'"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

constexpr std::string_view kNonRootUser = "10001:10001";

bool is_root(std::string_view user) {
  std::string_view name = user.substr(0, user.find(':'));
  return name == "root" || name == "0";
}

bool looks_unprivileged(std::string_view image) {
  for (std::string_view hint : {"nonroot", "non-root", "unprivileged", "rootless"})
    if (image.find(hint) != std::string_view::npos) return true;
  return false;
}

bool is_windows(std::string_view image) {
  for (std::string_view hint : {"windows", "nanoserver", "servercore"})
    if (image.find(hint) != std::string_view::npos) return true;
  return false;
}

class FinalStageRunsAsRoot final : public DockerfileRule {
 public:
  FinalStageRunsAsRoot() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    std::vector<std::size_t> chain = final_image_stages(file);
    if (chain.empty()) return;
    for (std::size_t stage : chain) {
      const dockerfile::Stage& s = file.stages[stage];
      for (std::size_t i = s.last; i > s.first; --i) {
        const auto& ins = file.instructions[i - 1];
        if (ins.keyword != dockerfile::Keyword::user || ins.words.empty()) continue;
        auto user = dockerfile::expand(ins.words[0].raw, dockerfile::variables_at(file, i - 1),
                                       file.escape);
        if (user && is_root(*user)) {
          sink.report(ins.words[0].span,
                      fmt::format("the last USER of the final image is `{}`: the container runs "
                                  "as root",
                                  *user),
                      Fix{fmt::format("Run as {}", kNonRootUser),
                          {{ins.words[0].span, std::string(kNonRootUser)}},
                          Applicability::unsafe});
        }
        return;
      }
    }
    const dockerfile::Stage& root = file.stages[chain.back()];
    std::string base = root.resolved_image.value_or(root.image.value);
    if (looks_unprivileged(base) || is_windows(base)) return;
    const dockerfile::Stage& final_stage = file.stages[chain.front()];
    const auto& from = file.instructions[final_stage.from];
    Span at = insertion_point(doc, file, final_stage);
    bool needs_line_break = at.begin == doc.text().size() && !doc.text().ends_with('\n');
    sink.report(from.keyword_span.cover(final_stage.image.span),
                fmt::format("no USER in the final image, so the container runs as root unless "
                            "`{}` sets a non-root user; add a USER",
                            base),
                Fix{fmt::format("Add USER {}", kNonRootUser),
                    {{at, fmt::format("{}USER {}\n", needs_line_break ? "\n" : "", kNonRootUser)}},
                    Applicability::unsafe});
  }

 private:
  // Before the final stage's first CMD, ENTRYPOINT or HEALTHCHECK when it has one (so build
  // steps before it keep running as root), else after its last instruction.
  static Span insertion_point(const Document& doc, const dockerfile::File& file,
                              const dockerfile::Stage& stage) {
    using dockerfile::Keyword;
    for (std::size_t i = stage.first; i < stage.last; ++i) {
      const auto& ins = file.instructions[i];
      if (ins.keyword == Keyword::cmd || ins.keyword == Keyword::entrypoint ||
          ins.keyword == Keyword::healthcheck) {
        std::size_t line = doc.lines().position(ins.keyword_span.begin).line;
        std::size_t at = doc.lines().line_span(line).begin;
        return {at, at};
      }
    }
    const auto& last = file.instructions[stage.last - 1];
    std::size_t line = doc.lines().position(last.span.end).line;
    std::size_t at = doc.lines().line_span(line).end;
    std::string_view text = doc.text();
    // Past the line break, when there is one; else the addition starts a new line itself.
    if (at < text.size() && text[at] == '\r') ++at;
    if (at < text.size() && text[at] == '\n') return {at + 1, at + 1};
    return {at, at};
  }
};

INFRALINT_REGISTER_RULE(FinalStageRunsAsRoot);

}  // namespace
}  // namespace infralint
