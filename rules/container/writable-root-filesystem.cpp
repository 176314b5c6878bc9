#include <fmt/format.h>

#include "engine/container_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container whose root file system is writable: a compose service without `read_only: true`,
or a Kubernetes container without `securityContext.readOnlyRootFilesystem: true`.

## Why it matters
An intruder who can write to the container's file system can drop tools, change the
application's code or configuration and persist until the container is replaced. With a
read-only root, writes go only to the volumes and tmpfs mounts the service declares, which also
makes clear what state it keeps.

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
    read_only: true
```

The fix is unsafe: it sets `read_only: true` (`readOnlyRootFilesystem: true` in Kubernetes).
Software that writes to `/tmp`, a cache or a PID file needs a `tmpfs` (compose) or an
`emptyDir` volume (Kubernetes) mounted there.
)md";

const RuleMeta kMeta{
    .id = "container/writable-root-filesystem",
    .title = "Container root file system is writable",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.13", "NSA-CISA-K8s:1.1"},
    .aliases = {"kube-linter:no-read-only-root-fs",
                "kube-score:container-security-context-readonlyrootfilesystem",
                "polaris:notReadOnlyRootFilesystem", "checkov:CKV_K8S_22", "trivy:KSV-0014"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

class WritableRootFilesystem final : public ContainerRule {
 public:
  WritableRootFilesystem() : ContainerRule(kMeta) {}

 protected:
  void check(const Document& doc, const Container& c, FindingSink& sink) const override {
    const Setting<bool>& read_only = c.read_only_root_filesystem;
    if (read_only.present() && *read_only.value) return;
    std::string_view key = c.source == ContainerSource::compose_service
                               ? "read_only: true"
                               : "readOnlyRootFilesystem: true";
    Finding& f = sink.report(
        read_only.present() ? read_only.span : c.span,
        fmt::format("{} has a writable root file system: set `{}` and mount a volume or tmpfs "
                    "where it must write",
                    describe(c), key));
    f.fix = hardening_fix(doc, c, Hardening::read_only_root_filesystem,
                          "Make the root file system read-only", Applicability::unsafe);
  }
};

INFRALINT_REGISTER_RULE(WritableRootFilesystem);

}  // namespace
}  // namespace infralint
