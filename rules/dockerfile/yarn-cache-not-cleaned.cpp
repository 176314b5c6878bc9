#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"
#include "model/package_install.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
In a stage whose layers end up in the final image, a RUN that installs with yarn (`yarn`,
`yarn install`, `yarn add`, `yarn global add`) without `yarn cache clean` in the same RUN.
A cache mount on yarn's cache (`/usr/local/share/.cache/yarn`, `~/.cache/yarn`,
`~/.yarn/berry/cache`) or an `rm -rf` of it in the same RUN is fine. Build stages are not
reported: their files never reach the image (hadolint reports them all the same).

## Why it matters
yarn keeps a copy of every package tarball in its global cache; in an image that is dead
weight, often larger than node_modules itself.

## Example
```dockerfile
RUN yarn install --frozen-lockfile
```

## Fixed
```dockerfile
RUN yarn install --frozen-lockfile && yarn cache clean
```

There is no automatic fix.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/yarn-cache-not-cleaned",
    .title = "yarn cache left in the image",
    .severity = Severity::info,
    .categories = {Category::performance, Category::cost},
    .aliases = {"hadolint:DL3060"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool cache_kept_out(const dockerfile::Instruction& run) {
  if (runs_subcommand(run, "yarn", "cache", "clean")) return true;
  for (std::string_view path : {"/usr/local/share/.cache/yarn", "~/.cache/yarn",
                                "~/.yarn/berry/cache", "~/.yarn/cache"})
    if (has_cache_mount(run, path) || removes_path(run, path)) return true;
  return false;
}

class YarnCacheNotCleaned final : public DockerfileRule {
 public:
  YarnCacheNotCleaned() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t index = 0; index < file.instructions.size(); ++index) {
      const auto& run = file.instructions[index];
      if (run.keyword != dockerfile::Keyword::run || !in_final_image(file, index) ||
          cache_kept_out(run))
        continue;
      for (const auto& script : run.scripts)
        for (const auto& cmd : script.commands) {
          if (!cmd.name.literal || cmd.name.value != "yarn") continue;
          const shell::Word* sub = first_operand(cmd);
          if (sub && sub->value == "global") {
            bool last = sub + 1 == cmd.args.data() + cmd.args.size();
            if (last || sub[1].value != "add") continue;
            sub = sub + 1;
          }
          if (sub && sub->value != "install" && sub->value != "add") continue;
          if (!sub && has_option(cmd, {"version", "help"}, "vh")) continue;
          sink.report(sub ? cmd.name.span.cover(sub->span) : cmd.name.span,
                      "yarn keeps a copy of every package in its cache in the image; run yarn "
                      "cache clean in the same RUN");
        }
    }
  }
};

INFRALINT_REGISTER_RULE(YarnCacheNotCleaned);

}  // namespace
}  // namespace infralint
