#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `static_configs` target of a `prometheus.yml` scrape job whose host names no compose service
and no Kubernetes Service of the stack (Kubernetes names as `name`, `name.namespace`,
`name.namespace.svc[.cluster.local]`). A close name is suggested.

As for nginx upstreams, IP addresses, `localhost` and outside domains are not judged, nor is
anything when the files linted together hold no service at all. Exporters or services deployed
elsewhere go under `external-services`.

## Why it matters
The target is `down` forever (`no such host`), and its `up == 0` alert, if any, fires from the
first minute; without one, the metrics are silently missing. Often an exporter was planned and
never deployed, or a service was renamed.

## Example
```yaml
scrape_configs:
  - job_name: postgres
    static_configs:
      - targets: ['postgres-exporter:9187']   # no such service in the stack
```

## Fixed
Deploy the exporter as a service of the stack, or point the target at the right name.

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "stack/scrape-target-unknown-host",
    .title = "Scrape target names a host no service of the stack defines",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::prometheus_config},
    .docs = kDocs,
    .options = {kExternalServicesOption},
};

class ScrapeTargetUnknownHost final : public StackRule {
 public:
  ScrapeTargetUnknownHost() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::scrape_target || e.problem != stack::Problem::unknown_host)
        continue;
      if (sink.external(e.from.doc, e.name)) continue;
      std::string hint =
          sink.suggestion_hint(e, "; deploy it in the stack, or list it under `external-services`");
      Finding& f = sink.report(
          e.from, fmt::format("{} `{}` names no compose service or Kubernetes Service of this "
                              "stack: the target stays down{}",
                              e.directive, e.name, hint));
      sink.relate_suggestion(f, e, fmt::format("`{}` is defined here", e.suggestion));
    }
  }
};

INFRALINT_REGISTER_RULE(ScrapeTargetUnknownHost);

}  // namespace
}  // namespace infralint
