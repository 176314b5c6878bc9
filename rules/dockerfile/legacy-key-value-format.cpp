#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_casing.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`ENV key value` or `LABEL key value`: the legacy form without `=`.

## Why it matters
The legacy form takes the whole rest of the line as the value of a single key, so
`ENV A 1 B 2` sets `A` to `1 B 2`; the `key=value` form is unambiguous and allows several pairs.
Docker documents the legacy form as deprecated.
BuildKit check: [LegacyKeyValueFormat](https://docs.docker.com/go/dockerfile/rule/legacy-key-value-format/).

## Example
```dockerfile
ENV NODE_ENV production
ENV GREETING hello world
```

## Fixed
```dockerfile
ENV NODE_ENV=production
ENV GREETING="hello world"
```

The fix is safe: the value keeps exactly the text it had, double-quoted when it holds spaces
(variables still expand inside double quotes). It is offered when the pair is on one line, and
for a value with spaces only when it holds no quotes or escapes to re-quote.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/legacy-key-value-format",
    .title = "Legacy `key value` form of ENV or LABEL",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"buildkit:LegacyKeyValueFormat"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// `value` as one word that BuildKit processes into the same text, when we can write one.
std::optional<std::string> as_single_word(std::string_view raw, char escape) {
  if (raw.find_first_of(" \t") == std::string_view::npos) return std::string(raw);
  if (raw.find_first_of(std::string{'"', '\'', '`', escape}) != std::string_view::npos)
    return std::nullopt;
  return fmt::format("\"{}\"", raw);
}

class LegacyKeyValueFormat final : public DockerfileRule {
 public:
  LegacyKeyValueFormat() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    auto visit = [&](const dockerfile::Instruction& ins) {
      if (ins.keyword != dockerfile::Keyword::env && ins.keyword != dockerfile::Keyword::label)
        return;
      std::string name = ascii_upper(doc.slice(ins.keyword_span));
      for (const dockerfile::KeyValue& kv : ins.pairs) {
        if (!kv.legacy || !kv.value) continue;
        auto& finding = sink.report(
            kv.span, fmt::format("Use `{0} {1}=…` instead of the legacy `{0} {1} …` form",
                                 name, kv.key.value));
        std::string_view written = doc.slice(kv.span);
        if (written.find('\n') != std::string_view::npos || kv.key.raw != doc.slice(kv.key.span))
          continue;
        auto value = as_single_word(kv.value->raw, file.escape);
        if (!value || doc.slice(kv.value->span) != kv.value->raw) continue;
        finding.fix = Fix{fmt::format("Write {}={}", kv.key.raw, *value),
                          {{Span{kv.key.span.end, kv.value->span.end}, "=" + *value}},
                          Applicability::safe};
      }
    };
    for (const dockerfile::Instruction& ins : file.instructions) {
      visit(ins);
      if (ins.onbuild) visit(*ins.onbuild);
    }
  }
};

INFRALINT_REGISTER_RULE(LegacyKeyValueFormat);

}  // namespace
}  // namespace infralint
