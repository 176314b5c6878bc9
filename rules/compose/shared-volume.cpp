#include <fmt/format.h>

#include <map>

#include "engine/compose_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A named volume mounted by more than one service. Reported at each service's mount after the
first, pointing back at the first. Volumes written through interpolation are not judged.

## Why it matters
A shared volume couples services: a compromise of one service can plant files the other
reads or executes, and two services writing the same files corrupt them. Share data through
an API, or mount the volume read-only (`:ro`) in every service but its owner.

## Example
```yaml
services:
  app:
    image: example/app:1.4
    volumes: [uploads:/srv/uploads]
  worker:
    image: example/worker:1.4
    volumes: [uploads:/data]
volumes:
  uploads: {}
```

## Fixed
```yaml
services:
  app:
    image: example/app:1.4
    volumes: [uploads:/srv/uploads]
  worker:
    image: example/worker:1.4
    volumes: [uploads:/data:ro]
volumes:
  uploads: {}
```

No automatic fix: which service owns the data is a design decision. Info: sharing is sometimes
the point (a web server serving what an app writes); mount it read-only where it can be.
)md";

const RuleMeta kMeta{
    .id = "compose/shared-volume",
    .title = "Named volume shared between services",
    .severity = Severity::info,
    .categories = {Category::security, Category::reliability},
    .aliases = {"kics:Shared Volumes Between Containers"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class SharedVolume final : public ComposeRule {
 public:
  SharedVolume() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    std::map<std::string, const ResourceUse*> first_use;
    auto uses = resource_uses(file, ComposeResource::volume);
    for (const ResourceUse& use : uses) {
      auto [it, inserted] = first_use.try_emplace(use.name, &use);
      if (inserted || it->second->service == use.service) continue;
      Finding& f = sink.report(
          use.span, fmt::format("volume `{}` is also mounted by service `{}`: the services can "
                                "change each other's files; mount it read-only here if this "
                                "service only reads it",
                                use.name, it->second->service));
      f.related.push_back({it->second->span, fmt::format("mounted by `{}`", it->second->service)});
    }
  }
};

INFRALINT_REGISTER_RULE(SharedVolume);

}  // namespace
}  // namespace infralint
