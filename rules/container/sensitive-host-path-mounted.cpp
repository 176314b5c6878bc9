#include <fmt/format.h>

#include "engine/container_rule.hpp"
#include "model/host_paths.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container that mounts a sensitive directory of the host, or a file under one: the root `/`,
`/boot`, `/dev`, `/etc`, `/lib`, `/proc`, `/sys`, `/usr`, `/var/run` (and `/run`, which it
points to) or `/root`, from a compose bind mount or a Kubernetes `hostPath` volume. Runtime
sockets (`/var/run/docker.sock`, ...) are left to `container/docker-socket-mounted`; the time
zone files (`/etc/localtime`, `/etc/timezone`, `/usr/share/zoneinfo`) mounted read-only are
allowed.

## Why it matters
These directories hold the host's credentials (`/etc/shadow`, `/root/.ssh`), its kernel and
boot files, its devices and the live state of its kernel and services. Mounted writable they
are a way to root on the host; even read-only they leak secrets and details an attacker uses to
escape.

## Example
```yaml
services:
  log-shipper:
    image: example/shipper:2.1.0
    volumes:
      - /etc:/host/etc
```

## Fixed
```yaml
services:
  log-shipper:
    image: example/shipper:2.1.0
    volumes:
      - /var/log/app:/logs:ro
```

No automatic fix: the service reads something there. Mount only the file or application
directory it needs, read-only.
)md";

const RuleMeta kMeta{
    .id = "container/sensitive-host-path-mounted",
    .title = "Container mounts a sensitive host directory",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.6", "PSS:baseline"},
    .aliases = {"kube-linter:sensitive-host-mounts", "kics:Volume Has Sensitive Host Directory",
                "trivy:KSV-0023"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

// Time zone data, mounted read-only to give a container the host's time zone: public, harmless.
bool is_time_zone_data(std::string_view path) {
  for (std::string_view tz : {"/etc/localtime", "/etc/timezone", "/usr/share/zoneinfo"})
    if (path == tz || (path.starts_with(tz) && path[tz.size()] == '/')) return true;
  return false;
}

class SensitiveHostPathMounted final : public ContainerRule {
 public:
  SensitiveHostPathMounted() : ContainerRule(kMeta) {}

 protected:
  void check(const Document&, const Container& c, FindingSink& sink) const override {
    for (const Mount& m : c.mounts) {
      if (m.host_path.empty() || is_runtime_socket(m.host_path)) continue;
      auto dir = sensitive_host_directory(m.host_path);
      if (!dir || (m.read_only && is_time_zone_data(normalize_host_path(m.host_path)))) continue;
      bool whole = normalize_host_path(m.host_path) == *dir;
      std::string what = whole ? fmt::format("the host's `{}`", *dir)
                               : fmt::format("the host's `{}` (under `{}`)", m.host_path, *dir);
      std::string advice = whole ? "mount only the files it needs" : "remove it unless needed";
      if (!m.read_only) advice += whole ? ", read-only" : ", and mount it read-only";
      sink.report(m.span, fmt::format("{} mounts {}{}: {}", describe(c), what,
                                      m.read_only ? " read-only" : "", advice));
    }
  }
};

INFRALINT_REGISTER_RULE(SensitiveHostPathMounted);

}  // namespace
}  // namespace infralint
