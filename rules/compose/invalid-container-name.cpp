#include <fmt/format.h>

#include <cctype>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `container_name` Docker does not accept: it must match `[a-zA-Z0-9][a-zA-Z0-9_.-]+` (a
letter or digit, then letters, digits, `_`, `.` or `-`; at least two characters). Names with
interpolation are not judged.

## Why it matters
`docker compose up` fails when creating the container: "Invalid container name (...), only
[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed".

## Example
```yaml
services:
  api:
    image: example/api:1.4
    container_name: my api
```

## Fixed
```yaml
services:
  api:
    image: example/api:1.4
    container_name: my-api
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "compose/invalid-container-name",
    .title = "`container_name` Docker rejects",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"dclint:service-container-name-regex"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

bool valid_name(std::string_view name) {
  if (name.size() < 2 || !std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  for (char ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '.' && ch != '-')
      return false;
  return true;
}

class InvalidContainerName final : public ComposeRule {
 public:
  InvalidContainerName() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* name = svc->value->get("container_name");
      auto text = scalar_text(name);
      if (!text || text->find('$') != std::string::npos || valid_name(*text)) continue;
      sink.report(name->span, fmt::format("container_name `{}` is not a valid Docker container "
                                          "name: use letters, digits, `_`, `.` and `-`, starting "
                                          "with a letter or digit",
                                          *text));
    }
  }
};

INFRALINT_REGISTER_RULE(InvalidContainerName);

}  // namespace
}  // namespace infralint
