#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "engine/compose_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An unquoted `yes`, `no`, `on`, `off`, `y`, `n`, `true` or `false` (any case) as a value in the
mapping form of a service's `environment`, `labels`, `build.args` or `deploy.labels`, where
Compose wants strings.

## Why it matters
YAML 1.1 parsers (docker-compose v1, PyYAML-based tools) read these as booleans: `on` becomes
`True`, and docker-compose v1 rejects the file ("contains true, which is an invalid type, it
should be a string, number, or a null"). YAML 1.2 parsers (Compose v2) keep `yes` as text but
turn `true` into a boolean that is re-rendered as `true`. Quoting says "text" to every parser.

## Example
```yaml
services:
  app:
    image: example/app:1.4
    environment:
      FEATURE_X: on
      DEBUG: false
```

## Fixed
```yaml
services:
  app:
    image: example/app:1.4
    environment:
      FEATURE_X: "on"
      DEBUG: "false"
```

Safe fix: the value is quoted; every Compose version then passes exactly that text.
)md";

const RuleMeta kMeta{
    .id = "compose/yaml11-boolean",
    .title = "Unquoted YAML 1.1 boolean where Compose expects a string",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::always,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

bool yaml11_boolean(std::string_view value) {
  static constexpr std::array<std::string_view, 8> kWords{"y",  "n",   "yes",  "no",
                                                          "on", "off", "true", "false"};
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

class Yaml11Boolean final : public ComposeRule {
 public:
  Yaml11Boolean() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node& s = *svc->value;
      for (const yaml::Node* map :
           {s.get("environment"), s.get("labels"), at_build(s, "args"), at_deploy(s, "labels")}) {
        if (!map || !map->is_mapping()) continue;
        for (const yaml::Pair& p : map->pairs) {
          const yaml::Node& v = *p.value;
          if (p.merged || !v.is_scalar() || v.style != yaml::ScalarStyle::plain || !v.tag.empty() ||
              !yaml11_boolean(v.value) || file.stream.aliased(&v))
            continue;
          sink.report(v.span,
                      fmt::format("`{}: {}` is a boolean to YAML 1.1 parsers (docker-compose v1 "
                                  "rejects it); quote it: \"{}\"",
                                  p.key->value, v.value, v.value),
                      Fix{"Quote the value",
                          {{v.span, fmt::format("\"{}\"", v.value)}},
                          Applicability::safe});
        }
      }
    }
  }

 private:
  static const yaml::Node* at_build(const yaml::Node& s, std::string_view key) {
    const yaml::Node* b = s.get("build");
    return b && b->is_mapping() ? b->get(key) : nullptr;
  }
  static const yaml::Node* at_deploy(const yaml::Node& s, std::string_view key) {
    const yaml::Node* d = s.get("deploy");
    return d && d->is_mapping() ? d->get(key) : nullptr;
  }
};

INFRALINT_REGISTER_RULE(Yaml11Boolean);

}  // namespace
}  // namespace infralint
