#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A variable that the builder expands (in `ADD`, `COPY`, `ENV`, `LABEL`, `ARG` defaults, `EXPOSE`,
`STOPSIGNAL`, `USER`, `VOLUME`, `WORKDIR` and their flags) but that is not defined at that
point. `RUN`, `CMD` and `ENTRYPOINT` are left alone: their shell expands variables at run time.
BuildKit's predefined and proxy ARGs, `PATH`, and forms with a fallback (`${NAME:-default}`)
count as defined.

A stage built on another image may inherit variables from that image's `ENV`, which a linter
cannot see. There, a name is reported only when it is certainly a mistake: an ARG declared
before the first `FROM` but not redeclared in the stage, a name defined only later in the
stage, or a likely typo of a defined name. In stages built `FROM scratch`, every undefined
name is reported.

## Why it matters
An undefined variable expands to the empty string: `COPY app-${VERSION}.jar` copies `app-.jar`,
`WORKDIR /srv/$APP` works in `/srv/`. The most common cause is a global ARG used inside a stage
without `ARG NAME` there.
BuildKit check: [UndefinedVar](https://docs.docker.com/go/dockerfile/rule/undefined-var/).

## Example
```dockerfile
ARG VERSION=1.4
FROM eclipse-temurin:21
COPY app-${VERSION}.jar /app.jar
```

## Fixed
```dockerfile
ARG VERSION=1.4
FROM eclipse-temurin:21
ARG VERSION
COPY app-${VERSION}.jar /app.jar
```

No automatic fix: whether to declare, redeclare or rename is for the author.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/undefined-variable",
    .title = "Variable used before it is defined",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"buildkit:UndefinedVar"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

using dockerfile::Keyword;

bool expanded_by_builder(Keyword k) {
  switch (k) {
    case Keyword::add: case Keyword::copy: case Keyword::env: case Keyword::label:
    case Keyword::arg: case Keyword::expose: case Keyword::stopsignal: case Keyword::user:
    case Keyword::volume: case Keyword::workdir:
      return true;
    default:
      return false;
  }
}

bool defines(const dockerfile::Instruction& ins, std::string_view name) {
  if (ins.keyword != Keyword::arg && ins.keyword != Keyword::env) return false;
  for (const auto& kv : ins.pairs)
    if (kv.key.value == name) return true;
  return false;
}

class UndefinedVariable final : public DockerfileRule {
 public:
  UndefinedVariable() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    if (file.stages.empty()) return;
    const dockerfile::Variables& globals = dockerfile::variables_at(file, file.stages[0].from);
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const dockerfile::Instruction& ins = file.instructions[i];
      if (!expanded_by_builder(ins.keyword) || ins.stage == dockerfile::npos) continue;
      const dockerfile::Stage& stage = file.stages[ins.stage];
      std::vector<std::pair<std::string_view, Span>> words;
      for (const auto& flag : ins.flags) words.emplace_back(flag.value, flag.value_span);
      for (const auto& w : ins.words) words.emplace_back(w.raw, w.span);
      for (const auto& kv : ins.pairs) {
        words.emplace_back(kv.key.raw, kv.key.span);
        if (kv.value) words.emplace_back(kv.value->raw, kv.value->span);
      }
      const dockerfile::Variables* vars = nullptr;
      for (auto [raw, span] : words) {
        if (raw.find('$') == std::string_view::npos) continue;
        if (!vars) vars = &dockerfile::variables_at(file, i);
        bool literal = doc.slice(span) == raw;
        for (const auto& use : dockerfile::variable_uses(raw, file.escape)) {
          if (use.has_fallback || vars->contains(use.name) || use.name == "PATH") continue;
          std::string why = why_undefined(file, i, stage, globals, *vars, use.name);
          if (why.empty()) continue;
          Span at = literal && use.offset != dockerfile::npos
                        ? Span{span.begin + use.offset, span.begin + use.offset + use.length}
                        : span;
          sink.report(at, fmt::format("'${}' is not defined here, so it expands to an empty "
                                      "string: {}",
                                      use.name, why));
        }
      }
    }
  }

 private:
  // Why `name` is certainly undefined at instruction `i`, or "" when the base image may define it.
  static std::string why_undefined(const dockerfile::File& file, std::size_t i,
                                   const dockerfile::Stage& stage,
                                   const dockerfile::Variables& globals,
                                   const dockerfile::Variables& vars, const std::string& name) {
    if (globals.contains(name))
      return fmt::format("it is declared before the first FROM; add `ARG {}` in this stage", name);
    for (std::size_t j = i + 1; j < stage.last && j < file.instructions.size(); ++j)
      if (defines(file.instructions[j], name))
        return "it is defined only later in the stage; move the definition up";
    dockerfile::Variables known = vars;
    known.declare("PATH");
    if (auto close = dockerfile::closest_variable(name, known))
      return fmt::format("did you mean ${}?", *close);
    std::size_t root = i < file.instructions.size() ? file.instructions[i].stage : 0;
    while (auto parent = file.stages[root].parent) {
      if (*parent >= root) break;
      root = *parent;
    }
    if (file.stages[root].resolved_image == "scratch") return "declare it with ARG or ENV first";
    return "";
  }
};

INFRALINT_REGISTER_RULE(UndefinedVariable);

}  // namespace
}  // namespace infralint
