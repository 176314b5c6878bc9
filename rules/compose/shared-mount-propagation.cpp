#include <fmt/format.h>

#include <algorithm>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A bind mount with shared mount propagation: long syntax `bind: {propagation: shared}` (or
`rshared`), or a short-syntax mode with `shared`/`rshared` (`/mnt:/mnt:rshared`).

## Why it matters
With shared propagation, mounts the container makes inside the bind mount appear on the host
and in every other container sharing it (CIS Docker 5.20): a container can shadow host paths
or leak its mounts. `rprivate` (the default) keeps them apart.

## Example
```yaml
services:
  agent:
    image: example/agent:2.0
    volumes:
      - type: bind
        source: /mnt/data
        target: /data
        bind:
          propagation: rshared
```

## Fixed
```yaml
services:
  agent:
    image: example/agent:2.0
    volumes:
      - type: bind
        source: /mnt/data
        target: /data
```

No automatic fix: storage agents (CSI-like plugins) need it; everything else should not.
)md";

const RuleMeta kMeta{
    .id = "compose/shared-mount-propagation",
    .title = "Bind mount with shared propagation",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.20"},
    .aliases = {"kics:Volume Mounted In Multiple Containers"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

bool shared(std::string_view mode) {
  for (std::size_t start = 0; start <= mode.size();) {
    auto comma = std::min(mode.find(',', start), mode.size());
    std::string_view option = mode.substr(start, comma - start);
    if (option == "shared" || option == "rshared") return true;
    start = comma + 1;
  }
  return false;
}

class SharedMountPropagation final : public ComposeRule {
 public:
  SharedMountPropagation() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* volumes = svc->value->get("volumes");
      if (!volumes || !volumes->is_sequence()) continue;
      for (const yaml::Node* item : volumes->items) {
        const yaml::Node* at = nullptr;
        std::string mode;
        if (item->is_mapping()) {
          at = at_path(item, {"bind", "propagation"});
          mode = scalar_text(at).value_or("");
        } else if (auto text = scalar_text(item)) {
          at = item;
          mode = split_short_volume(*text).mode;
        }
        if (!at || !shared(mode)) continue;
        sink.report(at->span,
                    fmt::format("service `{}` mounts with shared propagation: mounts made "
                                "in the container reach the host and other containers; "
                                "use the default (rprivate)",
                                svc->key->value));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(SharedMountPropagation);

}  // namespace
}  // namespace infralint
