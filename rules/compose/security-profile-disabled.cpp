#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A service whose `security_opt` switches off a kernel confinement layer:
`apparmor:unconfined` / `apparmor=unconfined` (CIS Docker 5.2), `label:disable` /
`label=disable` (SELinux, 5.3), `seccomp:unconfined` / `seccomp=unconfined` (5.22).

## Why it matters
Docker's default AppArmor profile, SELinux labels and seccomp filter block whole classes of
container escapes (mounting file systems, loading kernel modules, ~44 dangerous system calls).
Turning them off is usually a leftover of debugging a permission error.

## Example
```yaml
services:
  app:
    image: example/app:1.4
    security_opt:
      - seccomp:unconfined
```

## Fixed
```yaml
services:
  app:
    image: example/app:1.4
    security_opt:
      - no-new-privileges:true
```

No automatic fix: the workload may need a custom profile (`seccomp:./profile.json`) rather than
the default.
)md";

const RuleMeta kMeta{
    .id = "compose/security-profile-disabled",
    .title = "AppArmor, SELinux or seccomp disabled",
    .severity = Severity::error,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.2", "CIS-Docker-1.6:5.3", "CIS-Docker-1.6:5.22"},
    .aliases = {"kics:Default Seccomp Profile Disabled"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

// "apparmor:unconfined" → "AppArmor"; nullopt when the option confines.
std::optional<std::string_view> disabled_layer(std::string option) {
  for (char& c : option)
    if (c == '=') c = ':';
  if (option == "apparmor:unconfined") return "AppArmor";
  if (option == "seccomp:unconfined") return "seccomp";
  if (option == "label:disable") return "SELinux labelling";
  return std::nullopt;
}

class SecurityProfileDisabled final : public ComposeRule {
 public:
  SecurityProfileDisabled() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* opts = svc->value->get("security_opt");
      if (!opts || !opts->is_sequence()) continue;
      for (const yaml::Node* item : opts->items) {
        auto text = scalar_text(item);
        if (!text) continue;
        if (auto layer = disabled_layer(*text))
          sink.report(item->span,
                      fmt::format("service `{}` runs without {} (`{}`): a container escape needs "
                                  "one barrier less; remove it or use a custom profile",
                                  svc->key->value, *layer, *text));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(SecurityProfileDisabled);

}  // namespace
}  // namespace infralint
