#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`uts: host` (the container shares the host's hostname and domain name, CIS Docker 5.21) and
`userns_mode: host` (it opts out of user namespace remapping when the daemon enables it, CIS
5.31). `network_mode`, `pid` and `ipc: host` are reported by `container/host-namespace`.

## Why it matters
With the host's UTS namespace a container can change the host's hostname; with the host's user
namespace, root in the container is root on the host even on a daemon configured with
`userns-remap`, undoing that protection for this service.

## Example
```yaml
services:
  agent:
    image: example/agent:2.0
    uts: host
    userns_mode: host
```

## Fixed
```yaml
services:
  agent:
    image: example/agent:2.0
```

No automatic fix: monitoring agents sometimes need the host's view; confirm first.
)md";

const RuleMeta kMeta{
    .id = "compose/host-uts-or-user-namespace",
    .title = "Host UTS or user namespace shared",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.21", "CIS-Docker-1.6:5.31"},
    .aliases = {"kics:Shared Host User Namespace"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class HostUtsOrUserNamespace final : public ComposeRule {
 public:
  HostUtsOrUserNamespace() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      if (const yaml::Node* uts = svc->value->get("uts"); scalar_text(uts) == "host")
        sink.report(uts->span, fmt::format("service `{}` shares the host's UTS namespace: it can "
                                           "change the host's hostname; remove `uts: host`",
                                           svc->key->value));
      if (const yaml::Node* userns = svc->value->get("userns_mode"); scalar_text(userns) == "host")
        sink.report(userns->span,
                    fmt::format("service `{}` shares the host's user namespace: root in it is root "
                                "on the host even with userns-remap; remove `userns_mode: host`",
                                svc->key->value));
    }
  }
};

INFRALINT_REGISTER_RULE(HostUtsOrUserNamespace);

}  // namespace
}  // namespace infralint
