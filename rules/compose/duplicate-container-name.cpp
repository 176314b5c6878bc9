#include <fmt/format.h>

#include <map>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Two services with the same `container_name`.

## Why it matters
Container names are unique per Docker host: the second container fails to start with
"Conflict. The container name ... is already in use". A fixed `container_name` also stops the
service from being scaled.

## Example
```yaml
services:
  api:
    image: example/api:1.4
    container_name: app
  worker:
    image: example/worker:1.4
    container_name: app
```

## Fixed
```yaml
services:
  api:
    image: example/api:1.4
    container_name: app-api
  worker:
    image: example/worker:1.4
    container_name: app-worker
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "compose/duplicate-container-name",
    .title = "Two services share a `container_name`",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"dclint:no-duplicate-container-names"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class DuplicateContainerName final : public ComposeRule {
 public:
  DuplicateContainerName() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    std::map<std::string, std::string, std::less<>> first;  // name → service
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* name = svc->value->get("container_name");
      auto text = scalar_text(name);
      if (!text || text->find('$') != std::string::npos) continue;
      std::string service = scalar_text(svc->key).value_or("");
      auto [it, inserted] = first.emplace(*text, service);
      if (inserted) continue;
      sink.report(name->span,
                  fmt::format("service `{}` uses container_name `{}`, as service `{}` does: the "
                              "second container cannot start; give each a unique name",
                              service, *text, it->second));
    }
  }
};

INFRALINT_REGISTER_RULE(DuplicateContainerName);

}  // namespace
}  // namespace infralint
