#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An unquoted `ports` or `expose` entry such as `22:22` or `53:53` that YAML 1.1 reads as a
base-60 (sexagesimal) number: digits, then `:` groups of at most 59.

## Why it matters
A YAML 1.1 parser (docker-compose v1, many scripts built on PyYAML) reads `22:22` as the
integer 1342, which then fails validation or publishes the wrong port. Entries like
`8080:80` happen to be safe (80 > 59), which is why the trap survives reviews. Quoting is
correct in every version.

## Example
```yaml
services:
  sftp:
    image: atmoz/sftp:alpine
    ports:
      - 22:22
```

## Fixed
```yaml
services:
  sftp:
    image: atmoz/sftp:alpine
    ports:
      - "22:22"
```

Safe fix: the entry is quoted. To quote every port entry, enable `compose/ports-unquoted`
(dclint's `require-quotes-in-ports`).
)md";

const RuleMeta kMeta{
    .id = "compose/yaml11-sexagesimal-port",
    .title = "Unquoted port YAML 1.1 reads as a base-60 number",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::always,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class Yaml11SexagesimalPort final : public ComposeRule {
 public:
  Yaml11SexagesimalPort() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      for (std::string_view key : {"ports", "expose"}) {
        const yaml::Node* list = svc->value->get(key);
        if (!list || !list->is_sequence()) continue;
        for (const yaml::Node* item : list->items) {
          if (!item->is_scalar() || item->style != yaml::ScalarStyle::plain || !item->tag.empty() ||
              !yaml11_base60(item->value) || file.stream.aliased(item))
            continue;
          sink.report(item->span,
                      fmt::format("`{}` unquoted is a base-60 number to YAML 1.1 parsers "
                                  "(docker-compose v1 reads a different port); quote it",
                                  item->value),
                      Fix{"Quote the port",
                          {{item->span, fmt::format("\"{}\"", item->value)}},
                          Applicability::safe});
        }
      }
    }
  }
};

INFRALINT_REGISTER_RULE(Yaml11SexagesimalPort);

}  // namespace
}  // namespace infralint
