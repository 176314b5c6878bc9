#include <fmt/format.h>

#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A service's `ports` not in ascending order (dclint's `service-ports-alphabetical-order`),
compared by the published (host) port, then the container port, as numbers; long-syntax
entries by `published`/`target`. Opt-in style rule.

## Why it matters
Only readability: sorted ports make duplicates and gaps visible.

## Example
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - "443:443"
      - "80:80"
```

## Fixed
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - "80:80"
      - "443:443"
```

Safe fix: entries move as whole lines with the comments directly above them.
)md";

const RuleMeta kMeta{
    .id = "compose/ports-not-sorted",
    .title = "`ports` not in ascending order",
    .severity = Severity::info,
    .categories = {Category::style},
    .aliases = {"dclint:service-ports-alphabetical-order"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose},
    .docs = kDocs,
    .opt_in = true,
};

// "127.0.0.1:8080:80/tcp" → "0000008080|0000000080": numbers padded so text order is numeric.
std::string sort_key(const yaml::Node& item) {
  std::string spec;
  if (item.is_mapping()) {
    spec = scalar_text(item.get("published")).value_or("") + ":" +
           scalar_text(item.get("target")).value_or("");
  } else {
    spec = scalar_text(&item).value_or("");
    spec = spec.substr(0, spec.find('/'));
    // Drop a host IP: keep the last two colon-separated parts.
    auto last = spec.rfind(':');
    if (last != std::string::npos) {
      auto before = spec.rfind(':', last - 1);
      if (before != std::string::npos && last > 0) spec = spec.substr(before + 1);
    }
  }
  std::string key;
  std::string number;
  auto flush = [&] {
    if (!number.empty())
      key += std::string(number.size() < 10 ? 10 - number.size() : 0, '0') + number;
    number.clear();
  };
  for (char c : spec) {
    if (c >= '0' && c <= '9') {
      number += c;
    } else {
      flush();
      key += c == ':' ? '|' : c;
    }
  }
  flush();
  return key;
}

class PortsNotSorted final : public ComposeRule {
 public:
  PortsNotSorted() : ComposeRule(kMeta) {}

 protected:
  void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const override {
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* ports = svc->value->get("ports");
      if (!ports || !ports->is_sequence()) continue;
      std::vector<std::string> keys;
      for (const yaml::Node* item : ports->items) keys.push_back(sort_key(*item));
      report_unsorted(
          doc, file, sink, *ports, keys,
          fmt::format("`ports` of service `{}` are not in ascending order", svc->key->value));
    }
  }
};

INFRALINT_REGISTER_RULE(PortsNotSorted);

}  // namespace
}  // namespace infralint
