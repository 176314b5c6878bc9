#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/compose_schema.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A key the Compose Specification does not define where it lists the allowed keys: at the top
level, in a service, and in `build`, `deploy`, `healthcheck`, `develop`, `logging`, long-syntax
`ports`/`volumes`/`secrets`/`configs`, top-level networks, volumes, secrets, configs, models
and `include` entries. `x-` extension keys are accepted wherever the specification accepts
them. Every unknown key is reported (not only the first), with the closest known key as a
suggestion.

The catalogue is derived from the specification's JSON schema (compose-spec @ 170098b,
June 2026), so it knows `include`, `models`, `develop`, `post_start`/`pre_stop`,
`use_api_socket` and `provider`. An older Compose may still reject those, and a newer one may
accept keys the catalogue does not know yet: hence a warning, not an error.

A legacy version 1 file (services directly at the top level, no `services:`) is reported
once, at its first service: Compose v2 no longer reads that format.

## Why it matters
Compose refuses the file ("services.web Additional property healtcheck is not allowed"); some
older tools silently ignore the key instead, so the health check or limit you wrote never
applies.

## Example
```yaml
services:
  web:
    image: nginx:1.27
    healtcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
```

## Fixed
```yaml
services:
  web:
    image: nginx:1.27
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost/"]
```

Unsafe fix when a known key is close (edit distance): the key is renamed to it. It is a guess,
hence unsafe; without a close key there is no fix.
)md";

const RuleMeta kMeta{
    .id = "compose/unknown-key",
    .title = "Key the Compose Specification does not define",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"dclint:invalid-schema"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

// The first top-level entry of a version 1 file: no `services`, and a mapping with `image` or
// `build` where the top-level keys should be.
const yaml::Pair* legacy_service(const ComposeFile& file) {
  if (file.root.get("services")) return nullptr;
  for (const yaml::Pair& p : file.root.pairs)
    if (p.value->is_mapping() && (p.value->get("image") || p.value->get("build"))) return &p;
  return nullptr;
}

class UnknownKey final : public ComposeRule {
 public:
  UnknownKey() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    if (const yaml::Pair* first = legacy_service(file)) {
      sink.report(first->key->span,
                  fmt::format("`{}` is a service in the legacy version 1 format (services at the "
                              "top level), which Compose v2 no longer reads; move the services "
                              "under `services:`",
                              first->key->value));
      return;
    }
    for (const ComposeSchemaProblem& p : compose_schema_problems(file)) {
      if (p.kind != ComposeSchemaProblem::Kind::unknown_key) continue;
      const yaml::Node& key = *p.pair->key;
      std::string message = fmt::format("{} has no key `{}`", p.where, key.value);
      if (p.suggestion.empty()) {
        sink.report(key.span, message +
                                  " in the Compose Specification: Compose rejects it unless "
                                  "your version is newer; use an `x-` prefix for your own "
                                  "data");
        continue;
      }
      message += fmt::format("; did you mean `{}`?", p.suggestion);
      if (key.style != yaml::ScalarStyle::plain || p.pair->merged || file.stream.aliased(&key)) {
        sink.report(key.span, message);
        continue;
      }
      sink.report(key.span, message,
                  Fix{fmt::format("Rename to `{}`", p.suggestion),
                      {{key.span, p.suggestion}},
                      Applicability::unsafe});
    }
  }
};

INFRALINT_REGISTER_RULE(UnknownKey);

}  // namespace
}  // namespace infralint
