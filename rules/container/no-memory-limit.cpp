#include <fmt/format.h>

#include "engine/container_rule.hpp"
#include "model/kubernetes_edits.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A compose service without `deploy.resources.limits.memory` or `mem_limit`, or a Kubernetes
container (init containers included) without `resources.limits.memory`. Ephemeral containers
cannot have resources and are not judged.

## Why it matters
Without a limit a container may use all the memory of its host or node: one leak or one
oversized cache makes the kernel's OOM killer pick victims among its neighbours, and on
Kubernetes the scheduler cannot place the pod sensibly.

## Example
```yaml
services:
  api:
    image: example/api:1.4.2
```

## Fixed
```yaml
services:
  api:
    image: example/api:1.4.2
    deploy:
      resources:
        limits:
          memory: 512M
```

For Kubernetes the fix is unsafe: it writes placeholder values (a `resources` block with
`requests.memory: 128Mi` and `limits.memory: 512Mi` when the container has none, else the missing
`limits.memory` (512Mi, or the request's value when a request is written: a limit below the
request is invalid)). The right limit depends on the workload: measure it
(`kubectl top`) and leave headroom, or give your defaults: `--default-requests memory=256Mi` and
`--default-limits memory=1Gi` (or the settings `default-requests` and `default-limits`) are written
instead; a limit not given equals the request given. Compose services get no automatic fix.
)md";

const RuleMeta kMeta{
    .id = "container/no-memory-limit",
    .title = "Container has no memory limit",
    .severity = Severity::warning,
    .categories = {Category::reliability, Category::cost},
    .compliance = {"CIS-Docker-1.6:5.11"},
    .aliases = {"kube-linter:unset-memory-requirements", "kube-score:container-resources",
                "polaris:memoryLimitsMissing", "checkov:CKV_K8S_13", "trivy:KSV-0018",
                "kics:Memory Not Limited", "polaris:memoryRequestsMissing", "checkov:CKV_K8S_12",
                "trivy:KSV-0016"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

class NoMemoryLimit final : public ContainerRule {
 public:
  NoMemoryLimit() : ContainerRule(kMeta) {}

 protected:
  void check(const Document& doc, const Container& c, FindingSink& sink) const override {
    if (c.memory_limit.present() || c.ephemeral_container) return;
    if (c.source == ContainerSource::compose_service) {
      sink.report(c.span, fmt::format("{} has no memory limit, so one leak can take the host's "
                                      "memory from every other container; set "
                                      "`deploy.resources.limits.memory`",
                                      describe(c)));
    } else if (c.source == ContainerSource::kubernetes_container) {
      Finding& f = sink.report(c.span, fmt::format("{} has no memory limit, so one leak can take "
                                                   "the node's memory from other pods; set "
                                                   "`resources.limits.memory`",
                                                   describe(c)));
      if (auto edit = c.location.container
                          ? k8s::resource_placeholder(doc, *c.location.container, "memory",
                                                                sink.settings())
                          : std::nullopt)
        f.fix = Fix{"Set placeholder memory resources", {*edit}, Applicability::unsafe};
    }
  }
};

INFRALINT_REGISTER_RULE(NoMemoryLimit);

}  // namespace
}  // namespace infralint
