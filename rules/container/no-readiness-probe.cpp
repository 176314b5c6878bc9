#include <fmt/format.h>

#include "engine/container_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Kubernetes container without `readinessProbe`. Init and ephemeral containers, and the
containers of Jobs and CronJobs, which serve no traffic, are not judged.

## Why it matters
Without a readiness probe a pod counts as ready as soon as its containers start: a Service
sends it requests while it is still loading, a rolling update removes old pods before the new
ones can answer, and a pod that loses its database keeps receiving traffic it can only fail.

## Example
```yaml
containers:
  - name: api
    image: example/api:1.4.2
```

## Fixed
```yaml
containers:
  - name: api
    image: example/api:1.4.2
    readinessProbe:
      httpGet:
        path: /ready
        port: 8080
```

No automatic fix: only you know which endpoint says the container can serve.
)md";

const RuleMeta kMeta{
    .id = "container/no-readiness-probe",
    .title = "Container has no readiness probe",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"kube-linter:no-readiness-probe", "kube-score:pod-probes",
                "polaris:readinessProbeMissing", "checkov:CKV_K8S_9"},
    .fix = FixAvailability::none,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class NoReadinessProbe final : public ContainerRule {
 public:
  NoReadinessProbe() : ContainerRule(kMeta) {}

 protected:
  void check(const Document&, const Container& c, FindingSink& sink) const override {
    if (c.source != ContainerSource::kubernetes_container || c.readiness_probe.present() ||
        c.init_container || c.ephemeral_container || c.workload.starts_with("Job/") ||
        c.workload.starts_with("CronJob/"))
      return;
    sink.report(c.span, fmt::format("{} has no `readinessProbe`, so it receives traffic before "
                                    "it can serve and while it cannot; add one",
                                    describe(c)));
  }
};

INFRALINT_REGISTER_RULE(NoReadinessProbe);

}  // namespace
}  // namespace infralint
