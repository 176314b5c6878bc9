#include <fmt/format.h>

#include "engine/compose_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `ports` or `expose` entry written without quotes (dclint's `require-quotes-in-ports`).
Opt-in style rule; the unquoted entries that are actually misread (`22:22`, a base-60 number
to YAML 1.1) are reported by `compose/yaml11-sexagesimal-port` by default.

## Why it matters
Quoting every port entry means nobody has to know which ones YAML 1.1 misreads.

## Example
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - 8080:80
```

## Fixed
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
```

Safe fix: the entry is quoted with the `quote-type` option's quotes (`double`, the default, or
`single`, as dclint's `quoteType`).
)md";

const RuleMeta kMeta{
    .id = "compose/ports-unquoted",
    .title = "Port entry not quoted",
    .severity = Severity::info,
    .categories = {Category::style},
    .aliases = {"dclint:require-quotes-in-ports"},
    .fix = FixAvailability::always,
    .kinds = {Kind::compose},
    .docs = kDocs,
    .options = {{"quote-type", OptionType::string,
                 "`double` (default) or `single`: the quotes the fix writes.",
                 [](std::string_view value) { return value == "double" || value == "single"; },
                 "`double` or `single`"}},
    .opt_in = true,
};

class PortsUnquoted final : public ComposeRule {
 public:
  PortsUnquoted() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    char quote = sink.options().string("quote-type", "double") == "single" ? '\'' : '"';
    for (const yaml::Pair* svc : file.services()) {
      for (std::string_view key : {"ports", "expose"}) {
        const yaml::Node* list = svc->value->get(key);
        if (!list || !list->is_sequence()) continue;
        for (const yaml::Node* item : list->items) {
          if (!item->is_scalar() || item->style != yaml::ScalarStyle::plain || !item->tag.empty() ||
              item->is_null() || file.stream.aliased(item))
            continue;
          sink.report(item->span, fmt::format("`{}` entry `{}` is not quoted", key, item->value),
                      Fix{"Quote it",
                          {{item->span, fmt::format("{0}{1}{0}", quote, item->value)}},
                          Applicability::safe});
        }
      }
    }
  }
};

INFRALINT_REGISTER_RULE(PortsUnquoted);

}  // namespace
}  // namespace infralint
