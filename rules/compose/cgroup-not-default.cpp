#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A service with `cgroup_parent` (its container is placed under a cgroup of your choosing) or
`cgroup: host` (it sees the host's cgroup namespace).

## Why it matters
CIS Docker 5.25: the default cgroup keeps the container's resource limits and accounting under
Docker's control. A custom parent may carry no limits, or limits shared with host services;
the host cgroup namespace exposes the host's whole cgroup tree.

## Example
```yaml
services:
  batch:
    image: example/batch:1.0
    cgroup_parent: /system.slice
```

## Fixed
```yaml
services:
  batch:
    image: example/batch:1.0
```

No automatic fix: confirm the parent cgroup is deliberate.
)md";

const RuleMeta kMeta{
    .id = "compose/cgroup-not-default",
    .title = "Container not in its default cgroup",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.25"},
    .aliases = {"kics:Cgroup Not Default"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class CgroupNotDefault final : public ComposeRule {
 public:
  CgroupNotDefault() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      if (const yaml::Node* parent = svc->value->get("cgroup_parent"); scalar_text(parent))
        sink.report(parent->span,
                    fmt::format("service `{}` runs under the cgroup `{}` instead of Docker's "
                                "default; make sure it carries the limits you expect",
                                svc->key->value, parent->value));
      if (const yaml::Node* cgroup = svc->value->get("cgroup"); scalar_text(cgroup) == "host")
        sink.report(cgroup->span, fmt::format("service `{}` shares the host's cgroup namespace; "
                                              "remove `cgroup: host`",
                                              svc->key->value));
    }
  }
};

INFRALINT_REGISTER_RULE(CgroupNotDefault);

}  // namespace
}  // namespace infralint
