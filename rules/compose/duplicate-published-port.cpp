#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "engine/container_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Two `ports` entries of the file (in one service or two) publishing the same host port with
the same protocol on overlapping host addresses. Ranges (`"8000-8010:8000-8010"`) are
expanded; an entry without a host IP (every interface) overlaps every address. Ports written
through interpolation (`"${WEB_PORT}:80"`) are not judged.

## Why it matters
Only one container can bind a host port: the second fails to start with "Bind for
0.0.0.0:8080 failed: port is already allocated".

## Example
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
  admin:
    image: example/admin:2.1
    ports:
      - "8080:3000"
```

## Fixed
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
  admin:
    image: example/admin:2.1
    ports:
      - "8081:3000"
```

No automatic fix: which service moves is a choice.
)md";

const RuleMeta kMeta{
    .id = "compose/duplicate-published-port",
    .title = "Host port published twice",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"dclint:no-duplicate-exported-ports"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

struct PortRange {
  int first = 0;
  int last = 0;
};

std::optional<PortRange> parse_range(std::string_view text) {
  auto number = [](std::string_view s) -> std::optional<int> {
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
  };
  auto dash = text.find('-');
  auto first = number(text.substr(0, dash));
  auto last = dash == std::string_view::npos ? first : number(text.substr(dash + 1));
  if (!first || !last || *last < *first) return std::nullopt;
  return PortRange{*first, *last};
}

bool every_interface(std::string_view ip) {
  return ip.empty() || ip == "0.0.0.0";
}

struct Published {
  const Container* container;
  std::string ip;
  std::string protocol;
  PortRange range;
};

class DuplicatePublishedPort final : public Rule {
 public:
  DuplicatePublishedPort() : Rule(kMeta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    const auto* model = doc.model<Model>();
    if (!model) return;
    std::vector<Published> seen;
    for (const Container& c : model->containers) {
      if (c.source != ContainerSource::compose_service) continue;
      for (const PortBinding& port : c.ports) {
        if (!port.published || port.host_port.empty() ||
            port.host_port.find('$') != std::string::npos ||
            port.host_ip.find('$') != std::string::npos)
          continue;
        auto range = parse_range(port.host_port);
        if (!range) continue;
        Published p{&c, port.host_ip, port.protocol.empty() ? "tcp" : port.protocol, *range};
        for (const Published& other : seen) {
          bool same_address =
              p.ip == other.ip || every_interface(p.ip) || every_interface(other.ip);
          if (!same_address || p.protocol != other.protocol || p.range.first > other.range.last ||
              other.range.first > p.range.last)
            continue;
          int clash = std::max(p.range.first, other.range.first);
          std::string by = other.container == &c
                               ? "already, in another entry"
                               : fmt::format("as {} does", describe(*other.container));
          sink.report(port.host_port_span,
                      fmt::format("{} publishes host port {}/{} {}: only one container can bind "
                                  "it; choose another host port",
                                  describe(c), clash, p.protocol, by));
          break;
        }
        seen.push_back(std::move(p));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(DuplicatePublishedPort);

}  // namespace
}  // namespace infralint
