#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Two health checks of one service that probe different HTTP paths:
- a compose `healthcheck` whose command fetches `http://…/path`, or a Railway
  `healthcheckPath`, against the `HEALTHCHECK` URL of the Dockerfile the service is built from;
- a Kubernetes `livenessProbe` (else `startupProbe`) `httpGet.path` of a container running the
  image of a compose service, against that service's health path (its healthcheck, else its
  Dockerfile's `HEALTHCHECK`).

Paths compare without query string and trailing slash. Health checks that run a program rather
than fetch a URL (`CMD node healthcheck.js`) are not judged, nor readiness probes, which
often probe a different endpoint on purpose. nginx's `location /health` is not compared: a
prefix location also answers `/healthz`, and almost every server has a `location /` that
answers any path, so "nginx does not serve this path" can rarely be decided from the file.

## Why it matters
A renamed endpoint (`/health` → `/healthz`) updated in one file leaves the other probing a 404:
Railway never marks the deploy healthy, Kubernetes restarts a working pod in a loop, compose
reports the container unhealthy and `depends_on: condition: service_healthy` waits forever.

## Example
```dockerfile
HEALTHCHECK CMD wget -q --spider http://localhost:3000/healthz || exit 1
```
```toml
[deploy]
healthcheckPath = "/health"
```

## Fixed
```toml
[deploy]
healthcheckPath = "/healthz"
```

No automatic fix: which of the two paths the application serves is a decision.
)md";

const RuleMeta kMeta{
    .id = "stack/health-path-mismatch",
    .title = "Health checks of one service probe different paths",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose, Kind::railway, Kind::kubernetes},
    .docs = kDocs,
};

class HealthPathMismatch final : public StackRule {
 public:
  HealthPathMismatch() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::health || e.problem != stack::Problem::path_mismatch)
        continue;
      Finding& f = sink.report(
          e.from, fmt::format("{} probes `{}` ({}), but {} probes `{}` ({}): one of them gets a "
                              "404",
                              e.from.label, e.name, e.directive, e.to->label, e.expected,
                              stack.place(*e.to)));
      sink.relate(f, *e.to, fmt::format("the health check probing `{}`", e.expected));
    }
  }
};

INFRALINT_REGISTER_RULE(HealthPathMismatch);

}  // namespace
}  // namespace infralint
