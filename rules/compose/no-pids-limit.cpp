#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A service without a process limit: neither `pids_limit` nor `deploy.resources.limits.pids`,
or one of them set to `-1` / `0` (unlimited). Interpolated values are accepted.

## Why it matters
Without a PIDs limit a fork bomb or a leak of threads in one container exhausts the host's
process table and takes every other service down with it (CIS Docker 5.29). A limit of a few
hundred is ample for most services.

## Example
```yaml
services:
  app:
    image: example/app:1.4
```

## Fixed
```yaml
services:
  app:
    image: example/app:1.4
    pids_limit: 200
```

No automatic fix: the right number depends on the workload (a JVM or a database needs more
threads than a small web server).
)md";

const RuleMeta kMeta{
    .id = "compose/no-pids-limit",
    .title = "No PIDs limit",
    .severity = Severity::info,
    .categories = {Category::reliability, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.29"},
    .aliases = {"kics:Pids Limit Not Set"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class NoPidsLimit final : public ComposeRule {
 public:
  NoPidsLimit() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* limit = svc->value->get("pids_limit");
      if (!limit) limit = at_path(svc->value, {"deploy", "resources", "limits", "pids"});
      if (!limit) {
        sink.report(svc->key->span,
                    fmt::format("service `{}` has no PIDs limit: a fork bomb or "
                                "thread leak can exhaust the host; set `pids_limit`",
                                svc->key->value));
        continue;
      }
      auto value = scalar_int(limit);
      if (value && *value <= 0)
        sink.report(limit->span, fmt::format("service `{}` sets an unlimited PIDs limit ({}); set "
                                             "a positive `pids_limit`",
                                             svc->key->value, *value));
    }
  }
};

INFRALINT_REGISTER_RULE(NoPidsLimit);

}  // namespace
}  // namespace infralint
