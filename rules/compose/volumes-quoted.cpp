#include <fmt/format.h>

#include "engine/compose_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A short-syntax `volumes` entry written in quotes (dclint's `no-quotes-in-volumes`). Opt-in
style rule.

## Why it matters
Only consistency: volume specs never need quotes unless they contain characters YAML treats
specially (`: ` with a space, a leading `*`, `&`, `!`, `#` after a space ...).

## Example
```yaml
services:
  web:
    image: nginx:1.27
    volumes:
      - "./site:/usr/share/nginx/html:ro"
```

## Fixed
```yaml
services:
  web:
    image: nginx:1.27
    volumes:
      - ./site:/usr/share/nginx/html:ro
```

Safe fix: the quotes are removed when the value reads the same without them; entries that
need their quotes are not reported.
)md";

const RuleMeta kMeta{
    .id = "compose/volumes-quoted",
    .title = "Volume entry in quotes",
    .severity = Severity::info,
    .categories = {Category::style},
    .aliases = {"dclint:no-quotes-in-volumes"},
    .fix = FixAvailability::always,
    .kinds = {Kind::compose},
    .docs = kDocs,
    .opt_in = true,
};

// Whether `value` reads as the same string when written as a plain scalar in a block sequence.
bool plain_safe(std::string_view value) {
  if (value.empty()) return false;
  for (char c : value) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("./~_-:$@+=,{}").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  char first = value.front();
  if (first == '-' || first == ':' || first == '{' || first == '}' || value.back() == ':')
    return false;
  // Must stay a string: not a number, boolean or null to a YAML 1.2 or 1.1 parser.
  bool digits_only = value.find_first_not_of("0123456789:._-+") == std::string_view::npos;
  return !digits_only;
}

class VolumesQuoted final : public ComposeRule {
 public:
  VolumesQuoted() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* list = svc->value->get("volumes");
      if (!list || !list->is_sequence()) continue;
      for (const yaml::Node* item : list->items) {
        bool quoted = item->style == yaml::ScalarStyle::single_quoted ||
                      item->style == yaml::ScalarStyle::double_quoted;
        if (!item->is_scalar() || !quoted || !plain_safe(item->value) || file.stream.aliased(item))
          continue;
        sink.report(item->span, fmt::format("volume `{}` does not need quotes", item->value),
                    Fix{"Remove the quotes", {{item->span, item->value}}, Applicability::safe});
      }
    }
  }
};

INFRALINT_REGISTER_RULE(VolumesQuoted);

}  // namespace
}  // namespace infralint
