#include <fmt/format.h>

#include "engine/container_rule.hpp"
#include "model/capabilities.hpp"
#include "model/kubernetes_objects.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container that keeps the runtime's default Linux capabilities: a compose service whose
`cap_drop` does not contain `ALL`, or a Kubernetes container whose
`securityContext.capabilities.drop` does not contain `ALL`.

Pods with `spec.os.name: windows` are exempt, as in the Pod Security Standards.

## Why it matters
By default a container gets about fourteen capabilities, among them `NET_RAW` (forging packets
on the node's network), `CHOWN`, `DAC_OVERRIDE` (ignoring file permissions) and `SETUID`. Most
services need none of them. Dropping `ALL` and adding back the one a service needs (usually
`NET_BIND_SERVICE`) leaves an attacker nothing to work with; the Pod Security Standards'
restricted profile requires it.

## Example
```yaml
services:
  api:
    image: example/api:1.4.0
```

## Fixed
```yaml
services:
  api:
    image: example/api:1.4.0
    cap_drop:
      - ALL
```

The fix is unsafe: it adds `ALL` to `cap_drop` (`capabilities.drop` in Kubernetes). Images
whose entrypoint changes file ownership or switches user (postgres, nginx as root) need
`CHOWN`, `SETUID`, `SETGID` or `NET_BIND_SERVICE` added back in `cap_add`.
)md";

const RuleMeta kMeta{
    .id = "container/capabilities-not-dropped",
    .title = "Container does not drop all capabilities",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.4", "PSS:restricted"},
    .aliases = {"trivy:KSV-0003", "checkov:CKV_K8S_37", "pss:restricted:capabilities_restricted",
                "polaris:insecureCapabilities", "kics:Container Capabilities Unrestricted",
                "kube-linter:drop-net-raw-capability"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

class CapabilitiesNotDropped final : public ContainerRule {
 public:
  CapabilitiesNotDropped() : ContainerRule(kMeta) {}

 protected:
  void check(const Document& doc, const Container& c, FindingSink& sink) const override {
    for (const auto& cap : c.cap_drop)
      if (capability_name(*cap.value) == "ALL") return;
    // Windows has no Linux capabilities or setuid: the Pod Security Standards exempt its pods.
    if (c.source == ContainerSource::kubernetes_container &&
        k8s::is_windows_pod(c.location.pod_spec))
      return;
    bool compose = c.source == ContainerSource::compose_service;
    std::string_view key = compose ? "cap_drop" : "capabilities.drop";
    Span span = c.span;
    std::string message;
    if (c.cap_drop.empty()) {
      message = fmt::format(
          "{} keeps the default capabilities: add `ALL` to `{}` and add back "
          "only what it needs",
          describe(c), key);
    } else {
      span = c.cap_drop.front().span.cover(c.cap_drop.back().span);
      message = fmt::format(
          "{} drops only some capabilities and keeps the other defaults: "
          "drop `ALL` and add back only what it needs",
          describe(c));
    }
    Finding& f = sink.report(span, std::move(message));
    f.fix = hardening_fix(doc, c, Hardening::drop_all_capabilities, "Drop all capabilities",
                          Applicability::unsafe);
  }
};

INFRALINT_REGISTER_RULE(CapabilitiesNotDropped);

}  // namespace
}  // namespace infralint
