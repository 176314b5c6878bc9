#include <fmt/format.h>

#include <array>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A service whose keys are not in dclint's group order (`service-keys-order`):
core (`image`, `build`, `container_name`) → dependencies (`depends_on`) → data (`volumes`,
`volumes_from`, `configs`, `secrets`) → environment (`environment`, `env_file`) → networking
(`ports`, `networks`, `network_mode`, `extra_hosts`) → runtime (`command`, `entrypoint`,
`working_dir`, `restart`, `healthcheck`) → metadata (`logging`, `labels`) → security (`user`,
`isolation`); other keys follow, in their written order. Opt-in style rule.

## Why it matters
Only readability: every service reads the same way, so a missing `healthcheck` or `user`
stands out.

## Example
```yaml
services:
  api:
    ports:
      - "127.0.0.1:8080:8080"
    image: example/api:1.4
```

## Fixed
```yaml
services:
  api:
    image: example/api:1.4
    ports:
      - "127.0.0.1:8080:8080"
```

Safe fix: keys move as whole blocks with the comment lines directly above them (unlike dclint,
comments stay with their key). No fix with merge keys (`<<: *defaults`), anchors or aliases.
)md";

const RuleMeta kMeta{
    .id = "compose/service-keys-order",
    .title = "Service keys not in the conventional order",
    .severity = Severity::info,
    .categories = {Category::style},
    .aliases = {"dclint:service-keys-order"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose},
    .docs = kDocs,
    .opt_in = true,
};

constexpr std::array<std::string_view, 25> kOrder{"image",
                                                  "build",
                                                  "container_name",
                                                  "depends_on",
                                                  "volumes",
                                                  "volumes_from",
                                                  "configs",
                                                  "secrets",
                                                  "environment",
                                                  "env_file",
                                                  "ports",
                                                  "networks",
                                                  "network_mode",
                                                  "extra_hosts",
                                                  "command",
                                                  "entrypoint",
                                                  "working_dir",
                                                  "restart",
                                                  "healthcheck",
                                                  "logging",
                                                  "labels",
                                                  "user",
                                                  "isolation",
                                                  "",
                                                  ""};

std::string rank(std::string_view key) {
  for (std::size_t i = 0; i < kOrder.size(); ++i)
    if (!kOrder[i].empty() && kOrder[i] == key) return fmt::format("{:02}", i);
  return "99";  // other keys keep their order, after the known ones
}

class ServiceKeysOrder final : public ComposeRule {
 public:
  ServiceKeysOrder() : ComposeRule(kMeta) {}

 protected:
  void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      std::vector<std::string> keys;
      for (const yaml::Pair& p : svc->value->pairs) keys.push_back(rank(p.key->value));
      report_unsorted(doc, file, sink, *svc->value, keys,
                      fmt::format("keys of service `{}` are not in the conventional order (image, "
                                  "dependencies, data, environment, networking, runtime, "
                                  "metadata, security)",
                                  svc->key->value));
    }
  }
};

INFRALINT_REGISTER_RULE(ServiceKeysOrder);

}  // namespace
}  // namespace infralint
