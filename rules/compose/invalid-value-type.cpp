#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/compose_schema.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A value whose type the Compose Specification does not accept for its key: a string where a
list is expected (`ports: "8080:80"`), a list for `container_name`, `healthcheck: true`. Every
such value is reported, not only the first.

A value containing interpolation (`${PORT}`, `$USER`) is never of a wrong type: its type is
known only once Compose substitutes it, and the specification accepts strings for every
interpolatable scalar. Empty values and values tagged `!reset` or `!override` are not judged
either.

## Why it matters
Compose stops with "services.web.healthcheck must be a mapping" before starting anything.

## Example
```yaml
services:
  web:
    image: nginx:1.27
    ports: "8080:80"
```

## Fixed
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "compose/invalid-value-type",
    .title = "Value of a type the Compose Specification does not accept",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"dclint:invalid-schema"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class InvalidValueType final : public ComposeRule {
 public:
  InvalidValueType() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const ComposeSchemaProblem& p : compose_schema_problems(file)) {
      if (p.kind != ComposeSchemaProblem::Kind::wrong_type) continue;
      sink.report(p.pair->value->span.empty() ? p.pair->key->span : p.pair->value->span,
                  fmt::format("`{}` of {} must be {}", p.pair->key->value, p.where, p.expected));
    }
  }
};

INFRALINT_REGISTER_RULE(InvalidValueType);

}  // namespace
}  // namespace infralint
