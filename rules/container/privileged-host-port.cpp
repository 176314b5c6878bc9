#include <fmt/format.h>

#include <charconv>

#include "engine/container_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A port published on a privileged host port (below 1024): a compose `ports` entry such as
`"80:8080"` or `published: 443`, or a Kubernetes `hostPort: 80`. Ranges are judged by their
first port; interpolated ports are not judged.

## Why it matters
CIS Docker 5.8: ports below 1024 are reserved for system services; binding them needs
root-level privileges on the host side, and a container on port 22 or 25 can impersonate a
system service. Behind a reverse proxy, publish a high port (`8080:80`) or let the proxy own
80/443; for the proxy itself this finding is expected (suppress it with a reason).

## Example
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - "80:80"
```

## Fixed
```yaml
services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
```

No automatic fix: clients expect the port they use today.
)md";

const RuleMeta kMeta{
    .id = "container/privileged-host-port",
    .title = "Published on a privileged host port",
    .severity = Severity::info,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.8"},
    .aliases = {"kics:Privileged Ports Mapped In Container"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

class PrivilegedHostPort final : public ContainerRule {
 public:
  PrivilegedHostPort() : ContainerRule(kMeta) {}

 protected:
  void check(const Document&, const Container& c, FindingSink& sink) const override {
    for (const PortBinding& port : c.ports) {
      if (!port.published || port.host_port.empty()) continue;
      std::string_view text = port.host_port;
      int number = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (ec != std::errc() || (end != text.data() + text.size() && *end != '-') || number <= 0 ||
          number >= 1024)
        continue;
      sink.report(port.host_port_span,
                  fmt::format("{} publishes host port {}, a privileged port reserved for system "
                              "services; publish a port above 1023 unless it must be this one",
                              describe(c), number));
    }
  }
};

INFRALINT_REGISTER_RULE(PrivilegedHostPort);

}  // namespace
}  // namespace infralint
