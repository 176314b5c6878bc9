#include <fmt/format.h>

#include "engine/container_rule.hpp"
#include "model/kubernetes_edits.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
- A compose service without `deploy.resources.limits.cpus` or `cpus`.
- A Kubernetes container (init containers included) without `resources.limits.cpu`, or with
  neither a CPU request nor a CPU limit. A limit without a request is accepted: Kubernetes then
  sets the request to the limit. Ephemeral containers cannot have resources and are not judged.

## Why it matters
A container without a CPU bound can starve everything else on its host during a busy loop or
a traffic spike; on Kubernetes, a container without a request is scheduled as if it needed no
CPU, so nodes get overcommitted and the pod is the first to be squeezed.

Severity info: CPU is compressible (a greedy neighbour slows others, it does not kill them),
and some teams deliberately set requests without limits to avoid throttling. Turn the severity
up in the config where you want hard limits everywhere.

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
    resources:
      requests:
        cpu: 250m
      limits:
        cpu: "1"
```

For Kubernetes the fix is unsafe: it writes placeholder values (a `resources` block with
`requests.cpu: 100m` and `limits.cpu: 500m` when the container has none, else the missing
`limits.cpu` (500m, or the request's value when a request is written: a limit below the
request is invalid)). The right numbers depend on the workload: measure them and replace the
placeholders, or give your defaults: `--default-requests cpu=250m` and `--default-limits cpu=1`
(or the settings `default-requests` and `default-limits`) are written instead; a limit not
given equals the request given. Compose services get no automatic fix.
)md";

const RuleMeta kMeta{
    .id = "container/no-cpu-limits",
    .title = "Container has no CPU limit or request",
    .severity = Severity::info,
    .categories = {Category::reliability, Category::cost},
    .compliance = {"CIS-Docker-1.6:5.12"},
    .aliases = {"kube-linter:unset-cpu-requirements", "polaris:cpuLimitsMissing",
                "polaris:cpuRequestsMissing", "checkov:CKV_K8S_10", "checkov:CKV_K8S_11",
                "trivy:KSV-0011", "trivy:KSV-0015", "kics:Cpus Not Limited",
                "kube-score:container-resources"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

class NoCpuLimits final : public ContainerRule {
 public:
  NoCpuLimits() : ContainerRule(kMeta) {}

 protected:
  void check(const Document& doc, const Container& c, FindingSink& sink) const override {
    if (c.cpu_limit.present() || c.ephemeral_container) return;
    if (c.source == ContainerSource::compose_service) {
      sink.report(c.span, fmt::format("{} has no CPU limit, so it can starve every other "
                                      "container on the host; set `deploy.resources.limits.cpus`",
                                      describe(c)));
    } else if (c.source == ContainerSource::kubernetes_container) {
      std::string message =
          c.cpu_request.present()
              ? fmt::format(
                    "{} has a CPU request but no CPU limit, so it can starve its "
                    "neighbours on the node; set `resources.limits.cpu`",
                    describe(c))
              : fmt::format(
                    "{} has neither a CPU request nor a CPU limit, so it is scheduled as "
                    "if it needed no CPU; set `resources.requests.cpu` and "
                    "`resources.limits.cpu`",
                    describe(c));
      Finding& f = sink.report(c.span, std::move(message));
      if (auto edit = c.location.container
                          ? k8s::resource_placeholder(doc, *c.location.container, "cpu",
                                                                sink.settings())
                          : std::nullopt)
        f.fix = Fix{"Set placeholder CPU resources", {*edit}, Applicability::unsafe};
    }
  }
};

INFRALINT_REGISTER_RULE(NoCpuLimits);

}  // namespace
}  // namespace infralint
