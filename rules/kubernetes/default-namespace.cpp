#include <fmt/format.h>

#include <array>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A namespaced object with `metadata.namespace: default`, or without a namespace (it then lands
in whatever namespace `kubectl` is pointed at, usually `default`). Cluster-scoped kinds
(Namespace, ClusterRole, PersistentVolume, StorageClass, CRDs, webhooks …) are not judged.

Opt-in: manifests meant for `kubectl apply -n <ns>`, Helm charts and Kustomize bases leave
the namespace out on purpose. Select it by id or with `kube-linter:use-namespace`.

## Why it matters
The default namespace gets no dedicated RBAC, quotas, network policies or Pod Security
labels: everything in it shares one flat space with everything else put there by accident.

## Example
```yaml
metadata:
  name: api
```

## Fixed
```yaml
metadata:
  name: api
  namespace: shop
```

No automatic fix: the namespace to use is the team's choice.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/default-namespace",
    .title = "Object in the default namespace",
    .severity = Severity::info,
    .categories = {Category::security},
    .compliance = {"CIS-Kubernetes:5.7.4"},
    .aliases = {"kube-linter:use-namespace", "checkov:CKV_K8S_21", "trivy:KSV-0110"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .opt_in = true,
};

constexpr std::array<std::string_view, 17> kClusterScoped{"Namespace",
                                                          "ClusterRole",
                                                          "ClusterRoleBinding",
                                                          "PersistentVolume",
                                                          "StorageClass",
                                                          "CustomResourceDefinition",
                                                          "PriorityClass",
                                                          "Node",
                                                          "IngressClass",
                                                          "ValidatingWebhookConfiguration",
                                                          "MutatingWebhookConfiguration",
                                                          "APIService",
                                                          "RuntimeClass",
                                                          "CSIDriver",
                                                          "PodSecurityPolicy",
                                                          "ClusterIssuer",
                                                          "VolumeSnapshotClass"};

class DefaultNamespace final : public KubernetesObjectRule {
 public:
  DefaultNamespace() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    for (std::string_view kind : kClusterScoped)
      if (o.kind == kind) return;
    if (o.namespace_ == "default") {
      sink.report(at_path(o.node, {"metadata", "namespace"})->span,
                  fmt::format("{} is in the `default` namespace; give it a namespace of its own",
                              o.describe()));
    } else if (o.namespace_.empty() && o.metadata) {
      sink.report(o.span(), fmt::format("{} names no namespace, so it lands in the current "
                                        "context's, usually `default`",
                                        o.describe()));
    }
  }
};

INFRALINT_REGISTER_RULE(DefaultNamespace);

}  // namespace
}  // namespace infralint
