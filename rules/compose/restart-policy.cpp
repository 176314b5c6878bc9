#include <fmt/format.h>

#include <set>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
- `restart: on-failure` without a maximum (`on-failure:5`), or `deploy.restart_policy` with
  `condition: on-failure` and no `max_attempts`: a crashing container restarts forever.
- A long-running service with no restart policy (`restart` absent or `"no"`, and no
  `deploy.restart_policy`): after a crash or a host reboot it stays down. Services other
  services wait for with `condition: service_completed_successfully` are one-shot tasks and
  are not reported.

## Why it matters
CIS Docker 5.15 asks for `on-failure` with a bounded count (5) so a broken container cannot
loop and hog the host; a service without any policy is simply not restarted, which is rarely
intended outside development.

## Example
```yaml
services:
  api:
    image: example/api:1.4
    restart: on-failure
```

## Fixed
```yaml
services:
  api:
    image: example/api:1.4
    restart: on-failure:5
```

No automatic fix: `unless-stopped` is as good a choice for many services.
)md";

const RuleMeta kMeta{
    .id = "compose/restart-policy",
    .title = "Unbounded or missing restart policy",
    .severity = Severity::info,
    .categories = {Category::reliability, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.15"},
    .aliases = {"kics:Restart Policy On Failure Not Set To 5"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

// Services others wait for to complete: one-shot tasks (migrations, seeders).
std::set<std::string, std::less<>> one_shot(const ComposeFile& file) {
  std::set<std::string, std::less<>> out;
  for (const yaml::Pair* svc : file.services())
    if (const yaml::Node* deps = svc->value->get("depends_on"); deps && deps->is_mapping())
      for (const yaml::Pair& p : deps->pairs)
        if (scalar_text(at_path(p.value, {"condition"})) == "service_completed_successfully")
          out.insert(p.key->value);
  return out;
}

class RestartPolicy final : public ComposeRule {
 public:
  RestartPolicy() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    auto tasks = one_shot(file);
    for (const yaml::Pair* svc : file.services()) {
      const std::string& name = svc->key->value;
      const yaml::Node* restart = svc->value->get("restart");
      const yaml::Node* policy = at_path(svc->value, {"deploy", "restart_policy"});
      std::string value = scalar_text(restart).value_or("");
      if (value == "on-failure") {
        sink.report(restart->span, fmt::format("service `{}` restarts on failure without a limit: "
                                               "a broken container loops forever; use "
                                               "`on-failure:5`",
                                               name));
        continue;
      }
      if (policy && policy->is_mapping()) {
        if (scalar_text(policy->get("condition")) == "on-failure" && !policy->get("max_attempts"))
          sink.report(policy->get("condition")->span,
                      fmt::format("service `{}` restarts on failure without `max_attempts`; set "
                                  "`max_attempts: 5`",
                                  name));
        continue;
      }
      if ((restart && value != "no") || tasks.contains(name) ||
          value.find('$') != std::string::npos)
        continue;
      sink.report(restart ? restart->span : svc->key->span,
                  fmt::format("service `{}` has no restart policy: after a crash or a reboot it "
                              "stays down; set `restart: unless-stopped` or `on-failure:5`",
                              name));
    }
  }
};

INFRALINT_REGISTER_RULE(RestartPolicy);

}  // namespace
}  // namespace infralint
