#include <fmt/format.h>


#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `EXPOSE` of TCP port 22 (alone or inside a range) in a stage whose settings reach the final
image. Build stages are not judged: their EXPOSE never reaches the image that runs.

## Why it matters
Port 22 means an SSH server inside the container: one more daemon to patch, credentials or keys
baked into the image, and a way in that bypasses `docker exec` / `kubectl exec` and their audit
trail. Debug a running container with `docker exec` instead.

## Example
```dockerfile
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
EXPOSE 22 8080
```

## Fixed
```dockerfile
FROM debian:12-slim
EXPOSE 8080
```

No automatic fix: removing the port does not remove the SSH server.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/port-22-exposed",
    .title = "SSH port 22 is exposed",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.7"},
    .aliases = {"checkov:CKV_DOCKER_1", "trivy:DS-0004", "kics:Exposing Port 22 (SSH)"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

constexpr std::uint64_t kSsh = 22;

class Port22Exposed final : public DockerfileRule {
 public:
  Port22Exposed() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t stage : final_image_stages(file)) {
      const dockerfile::Stage& s = file.stages[stage];
      for (std::size_t i = s.first; i < s.last; ++i) {
        for (const ExposedPort& port : exposed_ports(file, i)) {
          if (port.protocol != "tcp" || port.first > kSsh || port.last < kSsh) continue;
          std::string what = port.first == port.last
                                 ? std::string("port 22 (SSH) is exposed")
                                 : fmt::format("port range `{}` exposes port 22 (SSH)", port.text);
          sink.report(port.span, fmt::format("{} in the final image; do not run sshd in a "
                                             "container, use `docker exec` to get in",
                                             what));
        }
      }
    }
  }
};

INFRALINT_REGISTER_RULE(Port22Exposed);

}  // namespace
}  // namespace infralint
