#include <fmt/format.h>

#include <set>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A service that names another service of the file that does not exist: in `depends_on` (list
or mapping form), `links`, `volumes_from` (`name`, `service:name`) or
`network_mode: service:name`.

Files that other files complete (a top-level `include`, or an override file such as
`docker-compose.override.yml`) are not checked: the service may be defined there.

## Why it matters
Compose refuses to start the project ("service `web` depends on undefined service `db`"),
usually after a rename of the service that was missed in one place.

## Example
```yaml
services:
  web:
    image: nginx:1.27
    depends_on:
      - databse
  database:
    image: postgres:16.4
```

## Fixed
```yaml
services:
  web:
    image: nginx:1.27
    depends_on:
      - database
  database:
    image: postgres:16.4
```

No automatic fix: the intended service is a guess.
)md";

const RuleMeta kMeta{
    .id = "compose/depends-on-missing-service",
    .title = "Reference to a service that does not exist",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class DependsOnMissingService final : public ComposeRule {
 public:
  DependsOnMissingService() : ComposeRule(kMeta) {}

 protected:
  void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const override {
    if (file.partial(doc.path()) || !file.section("services")) return;
    std::set<std::string, std::less<>> names;
    for (const yaml::Pair& p : file.section("services")->pairs)
      if (auto name = scalar_text(p.key)) names.insert(*name);
    for (const yaml::Pair* svc : file.services()) {
      std::string service = scalar_text(svc->key).value_or("");
      auto check_name = [&](const yaml::Node* node, std::string_view name, std::string_view via) {
        if (name.empty() || name.find('$') != std::string_view::npos || names.contains(name))
          return;
        sink.report(node->span, fmt::format("service `{}` names `{}` in `{}`, but the file defines "
                                            "no service `{}`",
                                            service, name, via, name));
      };
      const yaml::Node& s = *svc->value;
      if (const yaml::Node* deps = s.get("depends_on")) {
        if (deps->is_sequence())
          for (const yaml::Node* item : deps->items)
            check_name(item, scalar_text(item).value_or(""), "depends_on");
        else if (deps->is_mapping())
          for (const yaml::Pair& p : deps->pairs)
            check_name(p.key, scalar_text(p.key).value_or(""), "depends_on");
      }
      if (const yaml::Node* links = s.get("links"); links && links->is_sequence())
        for (const yaml::Node* item : links->items) {
          std::string link = scalar_text(item).value_or("");
          check_name(item, link.substr(0, link.find(':')), "links");
        }
      if (const yaml::Node* from = s.get("volumes_from"); from && from->is_sequence())
        for (const yaml::Node* item : from->items) {
          std::string ref = scalar_text(item).value_or("");
          if (ref.starts_with("container:")) continue;
          if (ref.starts_with("service:")) ref = ref.substr(8);
          check_name(item, ref.substr(0, ref.find(':')), "volumes_from");
        }
      if (const yaml::Node* mode = s.get("network_mode")) {
        std::string ref = scalar_text(mode).value_or("");
        if (ref.starts_with("service:")) check_name(mode, ref.substr(8), "network_mode");
      }
    }
  }
};

INFRALINT_REGISTER_RULE(DependsOnMissingService);

}  // namespace
}  // namespace infralint
