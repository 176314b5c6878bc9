#include <fmt/format.h>

#include <array>

#include "engine/kubernetes_rule.hpp"
#include "fix/yaml_writer.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An object written with an API version that Kubernetes deprecated or removed, for the version
of the `kubernetes-version` setting (newest by default): `extensions/v1beta1`,
`apps/v1beta1`/`v1beta2`, `batch/v1beta1` CronJob, `policy/v1beta1` PodDisruptionBudget and
PodSecurityPolicy, `autoscaling/v2beta1`/`v2beta2`, `networking.k8s.io/v1beta1`,
`rbac.authorization.k8s.io/v1beta1`, `apiextensions.k8s.io/v1beta1`,
`admissionregistration.k8s.io/v1beta1`, `scheduling.k8s.io/v1beta1`, `storage.k8s.io/v1beta1`,
`certificates.k8s.io/v1beta1`, `coordination.k8s.io/v1beta1`, `discovery.k8s.io/v1beta1`,
`events.k8s.io/v1beta1`, `node.k8s.io/v1beta1`, `flowcontrol.apiserver.k8s.io/v1beta1..3`.

## Why it matters
A removed version is rejected by the API server: `kubectl apply` fails on upgrade day. The
replacement is often not a rename (Ingress' backend moved under `service:`, apps/v1 requires
`spec.selector`), so the migration is best done before.

## Example
```yaml
apiVersion: batch/v1beta1
kind: CronJob
```

## Fixed
```yaml
apiVersion: batch/v1
kind: CronJob
```

The fix rewrites `apiVersion` only where the replacement has the same schema. It is safe for
renames with identical schemas (`batch/v1` CronJob, `autoscaling/v2` from `v2beta2`, `rbac`,
`scheduling`, `coordination`, `node`, `storage`, NetworkPolicy, IngressClass, flowcontrol) and
unsafe for `apps/v1` workloads (written only when `spec.selector` is present; some defaults
differ, e.g. a DaemonSet's update strategy) and `policy/v1` PodDisruptionBudgets (an empty
selector now selects every pod of the namespace). No fix for Ingress, CRDs, webhooks, CSRs,
EndpointSlices, Events, `autoscaling/v2beta1` and PodSecurityPolicy, whose schemas changed or
which are gone.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/deprecated-api-version",
    .title = "Deprecated or removed Kubernetes API version",
    .severity = Severity::error,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"kube-linter:no-extensions-v1beta", "kube-score:stable-version", "trivy:KSV-0107"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

enum class Migration { none, safe, unsafe, needs_selector };

struct Deprecation {
  std::string_view api_version;
  std::string_view kind;  // empty: every kind of the group version
  int deprecated_in;
  int removed_in;
  std::string_view replacement;
  Migration migration;
};

constexpr std::array<Deprecation, 29> kDeprecations{{
    {"extensions/v1beta1", "Deployment", 9, 16, "apps/v1", Migration::needs_selector},
    {"extensions/v1beta1", "DaemonSet", 9, 16, "apps/v1", Migration::needs_selector},
    {"extensions/v1beta1", "ReplicaSet", 9, 16, "apps/v1", Migration::needs_selector},
    {"extensions/v1beta1", "NetworkPolicy", 9, 16, "networking.k8s.io/v1", Migration::safe},
    {"extensions/v1beta1", "PodSecurityPolicy", 10, 16, "", Migration::none},
    {"extensions/v1beta1", "Ingress", 14, 22, "networking.k8s.io/v1", Migration::none},
    {"apps/v1beta1", "", 9, 16, "apps/v1", Migration::needs_selector},
    {"apps/v1beta2", "", 9, 16, "apps/v1", Migration::needs_selector},
    {"batch/v1beta1", "CronJob", 21, 25, "batch/v1", Migration::safe},
    {"policy/v1beta1", "PodDisruptionBudget", 21, 25, "policy/v1", Migration::unsafe},
    {"policy/v1beta1", "PodSecurityPolicy", 21, 25, "", Migration::none},
    {"autoscaling/v2beta1", "", 22, 25, "autoscaling/v2", Migration::none},
    {"autoscaling/v2beta2", "", 23, 26, "autoscaling/v2", Migration::safe},
    {"networking.k8s.io/v1beta1", "Ingress", 19, 22, "networking.k8s.io/v1", Migration::none},
    {"networking.k8s.io/v1beta1", "IngressClass", 19, 22, "networking.k8s.io/v1", Migration::safe},
    {"rbac.authorization.k8s.io/v1beta1", "", 17, 22, "rbac.authorization.k8s.io/v1",
     Migration::safe},
    {"apiextensions.k8s.io/v1beta1", "", 16, 22, "apiextensions.k8s.io/v1", Migration::none},
    {"admissionregistration.k8s.io/v1beta1", "", 16, 22, "admissionregistration.k8s.io/v1",
     Migration::none},
    {"scheduling.k8s.io/v1beta1", "", 14, 22, "scheduling.k8s.io/v1", Migration::safe},
    {"storage.k8s.io/v1beta1", "CSIStorageCapacity", 24, 27, "storage.k8s.io/v1", Migration::safe},
    {"storage.k8s.io/v1beta1", "", 19, 22, "storage.k8s.io/v1", Migration::safe},
    {"certificates.k8s.io/v1beta1", "", 19, 22, "certificates.k8s.io/v1", Migration::none},
    {"coordination.k8s.io/v1beta1", "", 19, 22, "coordination.k8s.io/v1", Migration::safe},
    {"discovery.k8s.io/v1beta1", "", 21, 25, "discovery.k8s.io/v1", Migration::none},
    {"events.k8s.io/v1beta1", "", 19, 25, "events.k8s.io/v1", Migration::none},
    {"node.k8s.io/v1beta1", "", 20, 25, "node.k8s.io/v1", Migration::safe},
    {"flowcontrol.apiserver.k8s.io/v1beta1", "", 23, 26, "flowcontrol.apiserver.k8s.io/v1",
     Migration::safe},
    {"flowcontrol.apiserver.k8s.io/v1beta2", "", 26, 29, "flowcontrol.apiserver.k8s.io/v1",
     Migration::safe},
    {"flowcontrol.apiserver.k8s.io/v1beta3", "", 29, 32, "flowcontrol.apiserver.k8s.io/v1",
     Migration::safe},
}};

const Deprecation* deprecation_of(const k8s::Object& o) {
  for (const Deprecation& d : kDeprecations)
    if (d.api_version == o.api_version && (d.kind.empty() || d.kind == o.kind)) return &d;
  return nullptr;
}

class DeprecatedApiVersion final : public KubernetesObjectRule {
 public:
  DeprecatedApiVersion() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream& stream, const k8s::Object& o,
             FindingSink& sink) const override {
    const Deprecation* d = deprecation_of(o);
    int minor = kubernetes_minor(sink);
    if (!d || !o.api_version_node || minor < d->deprecated_in) return;
    std::string instead = d->replacement.empty() ? std::string("it has no replacement; remove it")
                                                 : fmt::format("use `{}`", d->replacement);
    std::string state =
        minor >= d->removed_in
            ? fmt::format("was removed in Kubernetes 1.{}", d->removed_in)
            : fmt::format("is deprecated and will be removed in Kubernetes 1.{}", d->removed_in);
    Finding& f = sink.report(o.api_version_node->span,
                             fmt::format("{} `{}` {}: {}", o.kind, d->api_version, state, instead));
    Migration m = d->migration;
    if (m == Migration::needs_selector)
      m = at_path(o.node, {"spec", "selector"}) ? Migration::unsafe : Migration::none;
    if (m == Migration::none) return;
    if (auto edit = yaml_edit::set_scalar(doc.text(), stream, *o.api_version_node, d->replacement))
      f.fix = Fix{fmt::format("Use {}", d->replacement),
                  {*edit},
                  m == Migration::safe ? Applicability::safe : Applicability::unsafe};
  }
};

INFRALINT_REGISTER_RULE(DeprecatedApiVersion);

}  // namespace
}  // namespace infralint
