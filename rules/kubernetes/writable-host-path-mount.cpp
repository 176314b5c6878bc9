#include <fmt/format.h>

#include <map>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_edits.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container's `volumeMounts` entry that mounts a `hostPath` volume of the pod without
`readOnly: true` (every pod-template kind, init and ephemeral containers included). Opt-in:
some node agents (log shippers' position files, CSI drivers) must write to the host.

`container/writable-config-mount` (configuration files) and
`container/sensitive-host-path-mounted` (system directories, in any mode) report narrower cases
of the same mounts by default.

## Why it matters
A writable host directory is a way out of the container: whatever the process writes there
survives the pod and is seen by the node and by every other pod mounting it — a planted binary,
a modified configuration, a full disk on the node.

## Example
```yaml
containers:
  - name: agent
    volumeMounts:
      - name: logs
        mountPath: /var/log/host
volumes:
  - name: logs
    hostPath:
      path: /var/log
```

## Fixed
```yaml
containers:
  - name: agent
    volumeMounts:
      - name: logs
        mountPath: /var/log/host
        readOnly: true
```

The fix adds (or sets) `readOnly: true`. It is unsafe: a container that writes to the mount
fails once it is read-only.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/writable-host-path-mount",
    .title = "hostPath volume mounted writable",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"kube-linter:writable-host-mount"},
    .fix = FixAvailability::always,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .opt_in = true,
};

// The pod's hostPath volumes: name → host path.
std::map<std::string, std::string, std::less<>> host_path_volumes(const yaml::Node* pod_spec) {
  std::map<std::string, std::string, std::less<>> out;
  const yaml::Node* volumes = pod_spec->get("volumes");
  if (!volumes || !volumes->is_sequence()) return out;
  for (const yaml::Node* v : volumes->items) {
    if (!v->is_mapping() || !v->get("hostPath")) continue;
    if (auto name = scalar_text(v->get("name")))
      out[*name] = scalar_text(at_path(v, {"hostPath", "path"})).value_or("?");
  }
  return out;
}

class WritableHostPathMount final : public KubernetesObjectRule {
 public:
  WritableHostPathMount() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.pod_spec || !o.pod_spec->is_mapping()) return;
    auto host_paths = host_path_volumes(o.pod_spec);
    if (host_paths.empty()) return;
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      const yaml::Node* mounts = c.node->get("volumeMounts");
      if (!mounts || !mounts->is_sequence()) continue;
      for (const yaml::Node* m : mounts->items) {
        if (!m->is_mapping()) continue;
        auto name = scalar_text(m->get("name"));
        auto volume = name ? host_paths.find(*name) : host_paths.end();
        if (volume == host_paths.end()) continue;
        const yaml::Node* read_only = m->get("readOnly");
        if (scalar_bool(read_only) == true) continue;
        const yaml::Node* path = m->get("mountPath");
        const yaml::Node* at = read_only ? read_only : path ? path : m;
        Finding& f = sink.report(
            at->span,
            fmt::format("container `{}` of {} mounts host path `{}` writable at `{}`: "
                        "what it writes reaches the node; add `readOnly: true`",
                        c.name, o.describe(), volume->second, scalar_text(path).value_or("?")));
        if (auto edit = k8s::set_in(doc, *m, {"readOnly"}, true))
          f.fix = Fix{"Mount the host path read-only", {*edit}, Applicability::unsafe};
      }
    }
  }
};

INFRALINT_REGISTER_RULE(WritableHostPathMount);

}  // namespace
}  // namespace infralint
