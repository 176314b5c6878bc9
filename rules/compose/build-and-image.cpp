#include <fmt/format.h>

#include "engine/compose_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A service with both `build` and `image` and no `pull_policy`.

## Why it matters
With both, Compose first tries to pull `image` and builds only when the pull fails: a stale or
foreign image of that name on the registry silently replaces the local build. Setting
`pull_policy: build` (always build) or `pull_policy: missing` says which is meant; with only
`build`, the image is named after the project. The option `check-pull-policy: false` reports
every service with both, as dclint does with `checkPullPolicy: false`.

## Example
```yaml
services:
  api:
    build: ./api
    image: registry.example.com/api:1.4
```

## Fixed
```yaml
services:
  api:
    build: ./api
    image: registry.example.com/api:1.4
    pull_policy: build
```

No automatic fix: building always and pulling first are both legitimate.
)md";

const RuleMeta kMeta{
    .id = "compose/build-and-image",
    .title = "`build` and `image` without a `pull_policy`",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"dclint:no-build-and-image"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
    .options = {{"check-pull-policy", OptionType::flag,
                 "Accept `build` with `image` when `pull_policy` is set (default true)."}},
};

class BuildAndImage final : public ComposeRule {
 public:
  BuildAndImage() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    bool accept_pull_policy = sink.options().flag("check-pull-policy", true);
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Pair* image = svc->value->pair("image");
      if (!image || !svc->value->get("build")) continue;
      if (accept_pull_policy && svc->value->get("pull_policy")) continue;
      sink.report(image->key->span,
                  fmt::format("service `{}` sets both `build` and `image`: Compose pulls the image "
                              "and builds only when the pull fails; set `pull_policy: build` (or "
                              "`missing`) to say which is meant",
                              svc->key->value));
    }
  }
};

INFRALINT_REGISTER_RULE(BuildAndImage);

}  // namespace
}  // namespace infralint
