#include <fmt/format.h>

#include "engine/container_rule.hpp"
#include "model/host_paths.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container that mounts a container runtime's API socket from the host: a compose volume or a
Kubernetes `hostPath` volume whose path ends in `docker.sock` (`/var/run/docker.sock`,
`/run/docker.sock`, a rootless `/run/user/1000/docker.sock`), `podman.sock`,
`containerd.sock` or `crio.sock`. Mounting it read-only (`:ro`) changes nothing: writing to a
socket is not writing to the file.

## Why it matters
The runtime's API starts containers as the runtime pleases, so whoever controls a container
holding its socket can start a privileged container with the host's root directory mounted:
root on the host in one request.

## Example
```yaml
services:
  ci-runner:
    image: example/runner:16.2.0
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
```

## Fixed
```yaml
services:
  ci-runner:
    image: example/runner:16.2.0
    environment:
      DOCKER_HOST: tcp://docker-proxy:2375 # a socket proxy allowing only the calls it makes
```

No automatic fix: the service uses the socket. Remove the mount when it does not need it; else
put a socket proxy that allows only the API calls it makes in front of the socket (the proxy
is then the one place that mounts it, and the one finding to suppress with a reason), or give
it a rootless runtime of its own.
)md";

const RuleMeta kMeta{
    .id = "container/docker-socket-mounted",
    .title = "Container mounts the container runtime socket",
    .severity = Severity::error,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.32"},
    .aliases = {"kube-linter:docker-sock", "checkov:CKV_K8S_27", "trivy:KSV-0006",
                "kics:Docker Socket Mounted In Container"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

class DockerSocketMounted final : public ContainerRule {
 public:
  DockerSocketMounted() : ContainerRule(kMeta) {}

 protected:
  void check(const Document&, const Container& c, FindingSink& sink) const override {
    for (const Mount& m : c.mounts) {
      if (m.host_path.empty() || !is_runtime_socket(m.host_path)) continue;
      sink.report(m.span, fmt::format("{} mounts the host's container runtime socket `{}`{}: "
                                      "whoever controls the container controls the host; remove "
                                      "the mount or put a socket proxy in front of it",
                                      describe(c), m.host_path,
                                      m.read_only ? " (read-only does not protect a socket)" : ""));
    }
  }
};

INFRALINT_REGISTER_RULE(DockerSocketMounted);

}  // namespace
}  // namespace infralint
