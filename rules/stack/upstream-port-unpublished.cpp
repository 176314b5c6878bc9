#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An nginx `upstream` server or `*_pass` to `host:port` where the host is a compose service or a
Kubernetes Service of the stack, but that port is not one it listens on: for compose, a
container port of `ports` or `expose` (or, when the service declares none, an `EXPOSE` of the
Dockerfile it is built from); for Kubernetes, a Service `port` (not the `targetPort`). A port
left out (`proxy_pass http://api`) means 80, as nginx reads it.

Services that declare no port at all are not judged (any container port is reachable on a
compose network).

## Why it matters
Inside the compose network nginx connects to the container port, and through a Service to its
`port`: a port the service does not listen on gives `connect() failed (111: Connection
refused)` and 502 responses, while each file looks right on its own.

## Example
```nginx
upstream api { server backend:3000; }   # compose: ports: ["3001:3001"]
```

## Fixed
```nginx
upstream api { server backend:3001; }
```

No automatic fix: which side is wrong (nginx, or the service's port) is a decision.
)md";

const RuleMeta kMeta{
    .id = "stack/upstream-port-unpublished",
    .title = "nginx proxies to a port the service does not listen on",
    .severity = Severity::error,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
    .options = {kExternalServicesOption},
};

class UpstreamPortUnpublished final : public StackRule {
 public:
  UpstreamPortUnpublished() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::proxy || e.problem != stack::Problem::port_closed) continue;
      if (sink.external(e.from.doc, e.name)) continue;
      Finding& f = sink.report(
          e.from, fmt::format("{} to {}:{}{}, but {} ({}) {} {}", e.directive, e.name, e.port,
                              e.default_port ? " (the scheme's default port)" : "", e.to->label,
                              stack.place(*e.to), e.ports_source,
                              fmt::join(e.target_ports, ", ")));
      sink.relate(f, *e.to, fmt::format("{} is defined here", e.to->label));
    }
  }
};

INFRALINT_REGISTER_RULE(UpstreamPortUnpublished);

}  // namespace
}  // namespace infralint
