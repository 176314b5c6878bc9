#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_relations.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A workload whose pod template no NetworkPolicy of the linted files selects (a policy selects
pods of its namespace through `spec.podSelector`; an empty selector selects them all).

Opt-in: NetworkPolicies are often kept apart from the application (a platform repository, a
default-deny policy per namespace). Select it by id or through the peers' ids.

## Why it matters
A pod selected by no NetworkPolicy accepts connections from every pod of the cluster and may
connect anywhere: a compromised pod elsewhere reaches its database port directly.

## Example
```yaml
kind: Deployment
metadata:
  name: api
```
with no NetworkPolicy.

## Fixed
```yaml
kind: NetworkPolicy
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
```
(a default-deny policy, then policies allowing the traffic each workload needs)

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/pod-not-isolated-by-network-policy",
    .title = "Pod selected by no NetworkPolicy",
    .severity = Severity::info,
    .categories = {Category::security},
    .compliance = {"NSA-CISA-K8s:2.0", "CIS-Kubernetes:5.3.2"},
    .aliases = {"kube-linter:non-isolated-pod", "kube-score:pod-networkpolicy",
                "polaris:missingNetworkPolicy", "checkov:CKV2_K8S_6", "trivy:KSV-0038"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .opt_in = true,
};

class PodNotIsolatedByNetworkPolicy final : public KubernetesStreamRule {
 public:
  PodNotIsolatedByNetworkPolicy() : KubernetesStreamRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const std::vector<k8s::Object>& objects,
             FindingSink& sink) const override {
    for (const k8s::Object& w : objects) {
      if (!w.pod_spec || w.kind == "PodTemplate") continue;
      const yaml::Node* labels = at_path(w.pod_metadata, {"labels"});
      bool covered = false;
      for (const k8s::Object& p : objects)
        if (p.kind == "NetworkPolicy" && p.namespace_ == w.namespace_ &&
            k8s::selector_matches(at_path(p.node, {"spec", "podSelector"}), labels))
          covered = true;
      if (!covered)
        sink.report(w.span(), fmt::format("no NetworkPolicy selects the pods of {}: they accept "
                                          "traffic from every pod of the cluster",
                                          w.describe()));
    }
  }
};

INFRALINT_REGISTER_RULE(PodNotIsolatedByNetworkPolicy);

}  // namespace
}  // namespace infralint
