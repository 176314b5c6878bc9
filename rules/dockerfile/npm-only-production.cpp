#include <charconv>

#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"
#include "model/image_ref.hpp"
#include "model/dockerfile_facts.hpp"
#include "model/package_install.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`npm ci`, `npm install` or `npm prune` with `--only=production` (`--only=prod`,
`--only production`) or `--production`.

## Why it matters
npm 7 deprecated both options in favour of `--omit=dev`; current npm prints a warning and
maps them, and an npm that drops them will install the development dependencies into the
production image without failing the build.

## Example
```dockerfile
FROM node:20-alpine
RUN npm ci --only=production
```

## Fixed
```dockerfile
FROM node:20-alpine
RUN npm ci --omit=dev
```

The fix replaces the option with `--omit=dev`. It is safe when the stage is built from a
`node` image of version 15 or later (npm 7 or later); otherwise it is unsafe: npm 6 ignores
`--omit=dev` and would install the development dependencies.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/npm-only-production",
    .title = "Deprecated npm --only=production / --production",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// Whether the stage's base image is node 15+ (which ships npm 7+, knowing --omit).
bool has_modern_npm(const dockerfile::File& file, std::size_t stage) {
  auto image = chain_base_image(file, stage);
  auto ref = image ? parse_image_ref(*image) : std::nullopt;
  if (!ref || !(ref->repository == "node" || ref->repository == "library/node")) return false;
  if (ref->tag.empty()) return !ref->has_digest();  // latest
  int major = 0;
  auto [end, ec] = std::from_chars(ref->tag.data(), ref->tag.data() + ref->tag.size(), major);
  if (ec == std::errc{}) return major >= 15;
  // lts, current, alpine, and the codenames of releases since 16; older codenames ship npm 6.
  for (std::string_view old : {"fermium", "erbium", "dubnium", "carbon", "boron", "argon"})
    if (ref->tag.starts_with(old)) return false;
  return true;
}

class NpmOnlyProduction final : public DockerfileRule {
 public:
  NpmOnlyProduction() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t index = 0; index < file.instructions.size(); ++index) {
      const auto& run = file.instructions[index];
      if (run.keyword != dockerfile::Keyword::run) continue;
      for (const auto& script : run.scripts)
        for (const auto& cmd : script.commands) {
          if (!cmd.name.literal || cmd.name.value != "npm") continue;
          const shell::Word* sub = first_operand(cmd, "wC");
          if (!sub || (sub->value != "ci" && sub->value != "install" && sub->value != "i" &&
                       sub->value != "prune"))
            continue;
          check_options(file, run.stage, cmd, sink);
        }
    }
  }

 private:
  static void check_options(const dockerfile::File& file, std::size_t stage,
                            const shell::Command& cmd, FindingSink& sink) {
    for (std::size_t i = 0; i < cmd.args.size(); ++i) {
      std::string_view a = cmd.args[i].value;
      Span span = cmd.args[i].span;
      bool next_is_value = a == "--only" && i + 1 < cmd.args.size() &&
                           (cmd.args[i + 1].value == "production" || cmd.args[i + 1].value == "prod");
      if (next_is_value) span = span.cover(cmd.args[i + 1].span);
      if (!(next_is_value || a == "--only=production" || a == "--only=prod" ||
            a == "--production" || a == "--production=true"))
        continue;
      bool safe = has_modern_npm(file, stage);
      sink.report(span,
                  std::string(a.substr(0, a.find('='))) +
                      " is deprecated since npm 7; use --omit=dev to leave the development "
                      "dependencies out",
                  Fix{safe ? "Use --omit=dev" : "Use --omit=dev (needs npm 7 or later)",
                      {{span, "--omit=dev"}},
                      safe ? Applicability::safe : Applicability::unsafe});
    }
  }
};

INFRALINT_REGISTER_RULE(NpmOnlyProduction);

}  // namespace
}  // namespace infralint
