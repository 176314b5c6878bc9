#include <fmt/format.h>

#include "engine/container_rule.hpp"
#include "model/kubernetes_objects.hpp"
#include "model/users.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container that runs as root:
- a Dockerfile whose final image's last `USER` is `root` or `0`, or that sets no `USER` in the
  final stage or the stages it is built `FROM` (base images whose name says they run
  unprivileged — `nonroot`, `unprivileged`, `rootless` — are trusted);
- a compose service with `user: root` / `0`, or with no `user` and an `image` (a service built
  from a Dockerfile of the stack is judged in that Dockerfile);
- a Kubernetes container (of any pod template, init and ephemeral containers included) whose
  effective security context — the container's over the pod's — has `runAsUser: 0`, or neither
  `runAsNonRoot: true` nor a non-zero `runAsUser`. Pods with `hostUsers: false` run in a user
  namespace where UID 0 is unprivileged on the node and are exempt, as in the Pod Security
  Standards (1.35+).

## Why it matters
Root in a container is root on the host's kernel: one escape, one mis-mounted volume or one
writable host path away from the node. Most services need no privilege at all.

## Example
```yaml
services:
  cache:
    image: redis:7.4-alpine
```

## Fixed
```yaml
services:
  cache:
    image: redis:7.4-alpine
    user: 10001:10001
```

The fix is unsafe: it runs the container as UID 10001 (`USER 10001:10001` in a Dockerfile,
`user:` in compose, `runAsNonRoot: true`, `runAsUser: 10001` and `runAsGroup: 10001` in
Kubernetes). A numeric user needs no user database and works in scratch and distroless images, but files the process
writes must be writable by that UID, and images whose entrypoint drops privileges itself
(postgres, redis) need their documented non-root setup.
)md";

const RuleMeta kMeta{
    .id = "container/runs-as-root",
    .title = "Container runs as root",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:4.1", "PSS:restricted", "NSA-CISA-K8s:1.0"},
    .aliases = {"hadolint:DL3002", "trivy:DS-0002", "trivy:KSV-0012", "trivy:KSV-0105",
                "checkov:CKV_DOCKER_3", "checkov:CKV_DOCKER_8", "checkov:CKV_K8S_23",
                "kics:Missing User Instruction", "kics:Last User Is 'root'",
                "kube-linter:run-as-non-root", "polaris:runAsRootAllowed",
                "pss:restricted:runAsNonRoot", "pss:restricted:runAsUser"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile, Kind::compose, Kind::kubernetes},
    .previous_ids = {"dockerfile/final-stage-runs-as-root"},
    .docs = kDocs,
};

bool looks_unprivileged(std::string_view image) {
  for (std::string_view hint : {"nonroot", "non-root", "unprivileged", "rootless"})
    if (image.find(hint) != std::string_view::npos) return true;
  return false;
}

bool is_windows_image(std::string_view image) {
  for (std::string_view hint : {"windows", "nanoserver", "servercore"})
    if (image.find(hint) != std::string_view::npos) return true;
  return false;
}

struct Verdict {
  Span span;
  std::string message;
};

std::optional<Verdict> judge_user(const Container& c) {
  if (c.user.present()) {
    if (!is_root_user(*c.user.value)) return std::nullopt;
    if (c.source == ContainerSource::dockerfile_image)
      return Verdict{c.user.span, fmt::format("the final image's last USER is `{}`: the "
                                              "container runs as root",
                                              *c.user.value)};
    return Verdict{c.user.span, fmt::format("{} runs as `{}`", describe(c), *c.user.value)};
  }
  std::string image = c.image.value.value_or("");
  if (looks_unprivileged(image) || is_windows_image(image)) return std::nullopt;
  if (c.source == ContainerSource::dockerfile_image) {
    return Verdict{c.span, fmt::format("no USER in the final image, so the container runs as "
                                       "root unless `{}` sets a non-root user; add a USER",
                                       image)};
  }
  if (c.has_build) return std::nullopt;  // judged in its Dockerfile
  return Verdict{c.span, fmt::format("{} sets no `user`, so it runs as the image's default "
                                     "user, root for most images",
                                     describe(c))};
}

std::optional<Verdict> judge_kubernetes(const Container& c) {
  // In a user namespace (`hostUsers: false`) UID 0 is an unprivileged user of the node.
  if (k8s::uses_user_namespace(c.location.pod_spec)) return std::nullopt;
  if (c.run_as_user.present() && *c.run_as_user.value == 0)
    return Verdict{c.run_as_user.span,
                   fmt::format("{} sets `runAsUser: 0`: it runs as root", describe(c))};
  if (c.run_as_user.present() && *c.run_as_user.value > 0) return std::nullopt;
  if (c.run_as_non_root.present() && *c.run_as_non_root.value) return std::nullopt;
  Span span = c.run_as_non_root.present() ? c.run_as_non_root.span : c.span;
  return Verdict{span, fmt::format("{} may run as root: set `runAsNonRoot: true` and a non-zero "
                                   "`runAsUser` in its securityContext",
                                   describe(c))};
}

class RunsAsRoot final : public ContainerRule {
 public:
  RunsAsRoot() : ContainerRule(kMeta) {}

 protected:
  void check(const Document& doc, const Container& c, FindingSink& sink) const override {
    auto verdict =
        c.source == ContainerSource::kubernetes_container ? judge_kubernetes(c) : judge_user(c);
    if (!verdict) return;
    Finding& f = sink.report(verdict->span, verdict->message);
    f.fix = hardening_fix(doc, c, Hardening::run_as_non_root,
                          fmt::format("Run as UID {}", kNonRootUid), Applicability::unsafe);
  }
};

INFRALINT_REGISTER_RULE(RunsAsRoot);

}  // namespace
}  // namespace infralint
