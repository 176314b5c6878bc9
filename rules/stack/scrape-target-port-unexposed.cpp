#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A scrape target `host:port` where the host is a compose service or a Kubernetes Service of the
stack, but the port is not one it listens on: a container port of compose `ports`/`expose` (or
the `EXPOSE` of the Dockerfile it is built from), or a Service `port` (a Service forwards its
`port` to the pods' `targetPort`: scraping the `targetPort` through the Service name fails).

## Why it matters
The scrape fails with `connection refused` (or times out), the target is `down`, and every
alert on its metrics is blind.

## Example
```yaml
- targets: ['backend-service:3000']   # Service backend-service: port 80, targetPort 3000
```

## Fixed
```yaml
- targets: ['backend-service:80']
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "stack/scrape-target-port-unexposed",
    .title = "Scrape target port is not a port of the service",
    .severity = Severity::error,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::prometheus_config},
    .docs = kDocs,
    .options = {kExternalServicesOption},
};

class ScrapeTargetPortUnexposed final : public StackRule {
 public:
  ScrapeTargetPortUnexposed() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::scrape_target || e.problem != stack::Problem::port_closed)
        continue;
      if (sink.external(e.from.doc, e.name)) continue;
      Finding& f = sink.report(e.from, fmt::format("{} {}:{}, but {} ({}) {} {}", e.directive,
                                                   e.name, e.port, e.to->label, stack.place(*e.to),
                                                   e.ports_source, fmt::join(e.target_ports, ", ")));
      sink.relate(f, *e.to, fmt::format("{} is defined here", e.to->label));
    }
  }
};

INFRALINT_REGISTER_RULE(ScrapeTargetPortUnexposed);

}  // namespace
}  // namespace infralint
