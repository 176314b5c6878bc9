#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A pod template with a `hostPath` volume, whatever the path (the paths that give the node away
— `/`, `/etc`, `/var/run/docker.sock` … — are also reported by
`container/sensitive-host-path-mounted` and `container/docker-socket-mounted`).

## Why it matters
A hostPath volume ties the pod to one node's file system and bypasses every storage
abstraction; written to, it is a way onto the node (planting files the node runs, filling its
disk), read from, a way to its secrets. The Pod Security Standards' baseline profile forbids
hostPath volumes altogether; node agents that need them belong in a namespace exempted from
Pod Security admission.

## Example
```yaml
volumes:
  - name: logs
    hostPath:
      path: /var/log/app
```

## Fixed
```yaml
volumes:
  - name: logs
    emptyDir: {}
```

No automatic fix: which volume replaces it depends on what the data is for.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/host-path-volume",
    .title = "Pod uses a hostPath volume",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"PSS:baseline", "CIS-Kubernetes:5.2.12"},
    .aliases = {"pss:baseline:hostPathVolumes", "polaris:hostPathSet"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class HostPathVolume final : public KubernetesObjectRule {
 public:
  HostPathVolume() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    const yaml::Node* volumes = at_path(o.pod_spec, {"volumes"});
    if (!volumes || !volumes->is_sequence()) return;
    for (const yaml::Node* v : volumes->items) {
      const yaml::Pair* host_path = v->is_mapping() ? v->pair("hostPath") : nullptr;
      if (!host_path) continue;
      std::string path = scalar_text(at_path(v, {"hostPath", "path"})).value_or("");
      sink.report(host_path->key->span,
                  fmt::format("{} mounts the node's `{}` through hostPath volume `{}`: use "
                              "emptyDir, a ConfigMap or a PersistentVolumeClaim instead",
                              o.describe(), path, scalar_text(v->get("name")).value_or("")));
    }
  }
};

INFRALINT_REGISTER_RULE(HostPathVolume);

}  // namespace
}  // namespace infralint
