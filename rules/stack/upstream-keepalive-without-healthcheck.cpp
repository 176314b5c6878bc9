#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An nginx `upstream` with `keepalive` connections whose server is a compose service that has no
`healthcheck` (or one disabled with `disable: true` / `test: ["NONE"]`), and is not built from a
Dockerfile of the stack that declares a `HEALTHCHECK`.

## Why it matters
A keepalive pool keeps connections open to the container: when the process hangs or restarts
slowly, nginx keeps sending requests down those connections and only its passive `max_fails`
notices, request by request. Without a healthcheck Docker never marks the container unhealthy,
nginx's `depends_on` cannot wait for `service_healthy`, and nginx starts proxying before the
backend is ready, giving 502s at every deploy.

## Example
```yaml
services:
  backend:
    image: example/api:1.4.2        # no healthcheck
```
```nginx
upstream api { server backend:3001; keepalive 32; }
```

## Fixed
```yaml
services:
  backend:
    image: example/api:1.4.2
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:3001/health"]
      interval: 10s
```

No automatic fix: the health endpoint is the application's.
)md";

const RuleMeta kMeta{
    .id = "stack/upstream-keepalive-without-healthcheck",
    .title = "nginx keeps connections to a compose service without a healthcheck",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

const stack::ComposeService* compose_service_at(const stack::Stack& stack, const stack::End& end) {
  for (const stack::ComposeService& s : stack.documents[end.doc].facts.compose_services)
    if (s.name_span.begin == end.span.begin) return &s;
  return nullptr;
}

// The Dockerfile the service is built from has its own HEALTHCHECK.
bool built_with_healthcheck(const stack::Stack& stack, const stack::End& service) {
  for (const stack::Edge& e : stack.edges)
    if (e.kind == stack::EdgeKind::build && e.from.doc == service.doc &&
        e.from.label == service.label && e.to)
      return stack.documents[e.to->doc].facts.image_healthcheck;
  return false;
}

class UpstreamKeepaliveWithoutHealthcheck final : public StackRule {
 public:
  UpstreamKeepaliveWithoutHealthcheck() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::proxy || e.keepalive.empty() || !e.to) continue;
      const stack::ComposeService* service = compose_service_at(stack, *e.to);
      if (!service || service->healthcheck || built_with_healthcheck(stack, *e.to)) continue;
      Finding& f = sink.report(
          e.from, fmt::format("{} {} keeps `keepalive` connections to {} ({}), which has no "
                              "healthcheck: a hung or starting backend is only noticed by failed "
                              "requests; give the service a healthcheck",
                              e.directive, e.name, e.to->label, stack.place(*e.to)));
      sink.relate(f, *e.to, fmt::format("{} has no healthcheck", e.to->label));
    }
  }
};

INFRALINT_REGISTER_RULE(UpstreamKeepaliveWithoutHealthcheck);

}  // namespace
}  // namespace infralint
