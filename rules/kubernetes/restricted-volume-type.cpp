#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A pod template volume of a type the Pod Security Standards' restricted profile does not allow.
Allowed: `configMap`, `downwardAPI`, `emptyDir`, `projected`, `secret`, `csi`,
`persistentVolumeClaim`, `ephemeral`, `image`. Everything else — `nfs`, `iscsi`, `gitRepo`,
`cephfs`, `awsElasticBlockStore`, `flexVolume` … — is reported; `hostPath` is reported by
`kubernetes/host-path-volume`.

## Why it matters
In-tree volume plugins let the pod name storage directly (a server, a disk, a repository), so
whoever can create pods in the namespace reaches that storage with the node's credentials.
Through a PersistentVolumeClaim the cluster administrator decides what storage a namespace
gets. `gitRepo` in particular runs `git` on the node as root and has known escapes.

## Example
```yaml
volumes:
  - name: shared
    nfs:
      server: nfs.internal
      path: /exports/shared
```

## Fixed
```yaml
volumes:
  - name: shared
    persistentVolumeClaim:
      claimName: shared
```

No automatic fix: a PersistentVolume and a claim have to be created.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/restricted-volume-type",
    .title = "Volume type not allowed by the restricted Pod Security Standard",
    .severity = Severity::info,
    .categories = {Category::security, Category::compliance},
    .compliance = {"PSS:restricted"},
    .aliases = {"pss:restricted:restrictedVolumes", "trivy:KSV-0028"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

constexpr std::array<std::string_view, 10> kAllowed{
    "name",   "configMap", "downwardAPI",           "emptyDir",  "projected",
    "secret", "csi",       "persistentVolumeClaim", "ephemeral", "image"};

class RestrictedVolumeType final : public KubernetesObjectRule {
 public:
  RestrictedVolumeType() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    const yaml::Node* volumes = at_path(o.pod_spec, {"volumes"});
    if (!volumes || !volumes->is_sequence()) return;
    for (const yaml::Node* v : volumes->items) {
      if (!v->is_mapping()) continue;
      for (const yaml::Pair& p : v->pairs) {
        std::string type = scalar_text(p.key).value_or("");
        if (type == "hostPath" ||
            std::find(kAllowed.begin(), kAllowed.end(), type) != kAllowed.end())
          continue;
        sink.report(p.key->span,
                    fmt::format("volume `{}` of {} is of type `{}`, which the restricted Pod "
                                "Security Standard forbids; mount the storage through a "
                                "PersistentVolumeClaim",
                                scalar_text(v->get("name")).value_or(""), o.describe(), type));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(RestrictedVolumeType);

}  // namespace
}  // namespace infralint
