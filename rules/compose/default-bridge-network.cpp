#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`network_mode: bridge`: the service joins Docker's default bridge network (`docker0`) instead
of the project's own network.

## Why it matters
On the default bridge every container of the host can reach every other one, there is no
name resolution between services, and inter-container traffic is not isolated per project
(CIS Docker 5.30). Compose creates a network per project for this reason; services without
`network_mode` use it. (KICS' "Networks Not Set" flags every service without `networks:`,
which Compose's project network already covers; this rule does not.)

## Example
```yaml
services:
  app:
    image: example/app:1.4
    network_mode: bridge
```

## Fixed
```yaml
services:
  app:
    image: example/app:1.4
```

No automatic fix: other containers may reach this one through the default bridge today.
)md";

const RuleMeta kMeta{
    .id = "compose/default-bridge-network",
    .title = "Service on Docker's default bridge network",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.30"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class DefaultBridgeNetwork final : public ComposeRule {
 public:
  DefaultBridgeNetwork() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* mode = svc->value->get("network_mode");
      if (scalar_text(mode) != "bridge") continue;
      sink.report(mode->span, fmt::format("service `{}` uses Docker's default bridge, shared with "
                                          "every container of the host; remove `network_mode` to "
                                          "use the project's network",
                                          svc->key->value));
    }
  }
};

INFRALINT_REGISTER_RULE(DefaultBridgeNetwork);

}  // namespace
}  // namespace infralint
