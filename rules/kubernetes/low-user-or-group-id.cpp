#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `runAsUser` or `runAsGroup` below a minimum (option `min-id`, default 10000) in the effective
security context of a container — the container's own `securityContext` over the pod's — in
every pod-template kind, init and ephemeral containers included. A pod-level value is reported
once, where it is written, when at least one container inherits it.

Not reported: `runAsUser: 0` (that is `container/runs-as-root`'s finding), ids not written at
all (the image's `USER` decides; the root case is `container/runs-as-root`'s), values written
as template placeholders, and Windows pods (`spec.os.name: windows`), which use
`windowsOptions.runAsUserName`.

## Why it matters
Low ids are the ones the host's own accounts and daemons use. A process that escapes its
container keeps its id on the host, and with id 1000 it owns the first human user's files; ids
of 10000 and above map to no account of a typical host.

## Example
```yaml
securityContext:
  runAsUser: 1000
  runAsGroup: 1000
```

## Fixed
```yaml
securityContext:
  runAsUser: 10001
  runAsGroup: 10001
```

No automatic fix: files the image owns by id must be readable by the new id.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/low-user-or-group-id",
    .title = "Container runs with a user or group id below 10000",
    .severity = Severity::info,
    .categories = {Category::security},
    .aliases = {"kube-score:container-security-context-user-group-id", "checkov:CKV_K8S_40",
                "trivy:KSV-0020", "trivy:KSV-0021"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .options = {{"min-id", OptionType::number,
                 "The lowest acceptable runAsUser and runAsGroup (default 10000)."}},
};

std::string_view why(std::int64_t id) {
  return id == 0 ? "group 0 is root's, and owns much of the host's file system"
                 : "low ids belong to the host's own accounts";
}

constexpr std::array<std::string_view, 2> kFields{"runAsUser", "runAsGroup"};

class LowUserOrGroupId final : public KubernetesObjectRule {
 public:
  LowUserOrGroupId() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.pod_spec || !o.pod_spec->is_mapping() || k8s::is_windows_pod(o.pod_spec)) return;
    auto min = static_cast<std::int64_t>(sink.options().number("min-id", 10000));
    auto low = [&](std::string_view field, const yaml::Node* value) -> std::optional<std::int64_t> {
      auto id = scalar_int(value);
      if (!id || *id >= min || (field == "runAsUser" && *id == 0)) return std::nullopt;
      return id;
    };
    auto containers = k8s::containers_of(o.pod_spec);
    for (std::string_view field : kFields) {
      const yaml::Node* pod_value = at_path(o.pod_spec, {"securityContext", field});
      std::vector<std::string> inheriting;
      for (const k8s::ContainerNode& c : containers) {
        const yaml::Node* own = at_path(c.node, {"securityContext", field});
        if (!own || own->is_null()) {
          inheriting.push_back(fmt::format("`{}`", c.name));
          continue;
        }
        if (auto id = low(field, own))
          sink.report(own->span, fmt::format("container `{}` of {} runs with {} {}, below {}: {}; "
                                             "use an id of {} or above",
                                             c.name, o.describe(), field, *id, min, why(*id), min));
      }
      if (inheriting.empty() || !pod_value) continue;
      if (auto id = low(field, pod_value))
        sink.report(
            pod_value->span,
            fmt::format("the pod of {} runs {} {} with {} {}, below {}: {}; use an id of {} "
                        "or above",
                        o.describe(), inheriting.size() == 1 ? "container" : "containers",
                        fmt::join(inheriting, ", "), field, *id, min, why(*id), min));
    }
  }
};

INFRALINT_REGISTER_RULE(LowUserOrGroupId);

}  // namespace
}  // namespace infralint
