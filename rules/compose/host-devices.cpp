#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Each entry of a service's `devices` list: a host device node passed into the container.

## Why it matters
A device node gives the container direct access to hardware or kernel interfaces (`/dev/sda`
is the whole disk, `/dev/mem` the host's memory). CIS Docker 5.18 asks that devices be exposed
only when needed and, where possible, read-only (`/dev/sdb:/dev/sdb:r`). Review each entry;
suppress it with a reason when it is needed (`/dev/dri` for video transcoding).

## Example
```yaml
services:
  media:
    image: example/media:3.1
    devices:
      - /dev/sda:/dev/sda
```

## Fixed
```yaml
services:
  media:
    image: example/media:3.1
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "compose/host-devices",
    .title = "Host device exposed to the container",
    .severity = Severity::info,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.18"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class HostDevices final : public ComposeRule {
 public:
  HostDevices() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* devices = svc->value->get("devices");
      if (!devices || !devices->is_sequence()) continue;
      for (const yaml::Node* item : devices->items) {
        std::string device = item->is_mapping() ? scalar_text(item->get("source")).value_or("")
                                                : scalar_text(item).value_or("");
        sink.report(item->span, fmt::format("service `{}` gets the host device `{}`: direct access "
                                            "to hardware or kernel interfaces; keep it only if "
                                            "needed, read-only where possible",
                                            svc->key->value, device.substr(0, device.find(':'))));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(HostDevices);

}  // namespace
}  // namespace infralint
