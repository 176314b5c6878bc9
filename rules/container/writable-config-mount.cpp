#include <fmt/format.h>

#include <array>

#include "engine/container_rule.hpp"
#include "model/host_paths.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A host file or directory holding configuration bind-mounted into a container without making
it read-only: a compose `volumes` entry such as `./nginx/nginx.conf:/etc/nginx/nginx.conf`
without `:ro` (or long syntax without `read_only: true`), or a Kubernetes `hostPath` volume
mounted under `/etc` or at a configuration file without `readOnly: true`.

A mount counts as configuration when its target lies under `/etc/` or its source or target
file name ends in `.conf`, `.cfg`, `.cnf`, `.ini`, `.yml`, `.yaml`, `.toml`, `.xml` or
`.properties` (`.json` only when the name says `conf`: `package.json` is source, not
configuration). Host paths under sensitive system directories are left to
`container/sensitive-host-path-mounted`.

## Why it matters
The mount is writable both ways: a compromised process in the container can rewrite the
host's copy of its own configuration (nginx config, TLS material, `prometheus.yml`), and the
change survives restarts and reaches the repository checkout it was mounted from.

## Example
```yaml
services:
  nginx:
    image: nginx:1.27
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf
```

## Fixed
```yaml
services:
  nginx:
    image: nginx:1.27
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
```

Unsafe fix: compose short syntax gets `:ro` (replacing `rw`, kept beside other options such as
`z`), long syntax and Kubernetes volumeMounts get `read_only: true` / `readOnly: true`. An image
whose entrypoint writes its configuration at start (templating into `/etc/nginx/conf.d`) then
fails to start, hence unsafe.
)md";

const RuleMeta kMeta{
    .id = "container/writable-config-mount",
    .title = "Configuration mounted from the host without read-only",
    .severity = Severity::warning,
    .categories = {Category::security},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

bool config_file_name(std::string_view path) {
  static constexpr std::array<std::string_view, 9> kExtensions{
      ".conf", ".cfg", ".cnf", ".ini", ".yml", ".yaml", ".toml", ".xml", ".properties"};
  for (std::string_view ext : kExtensions)
    if (path.ends_with(ext)) return true;
  std::string_view name = path.substr(path.rfind('/') + 1);
  return name.ends_with(".json") && name.find("conf") != std::string_view::npos;
}

bool is_config(const Mount& m) {
  return m.target.starts_with("/etc/") || config_file_name(m.target) ||
         config_file_name(m.host_path);
}

class WritableConfigMount final : public ContainerRule {
 public:
  WritableConfigMount() : ContainerRule(kMeta) {}

 protected:
  void check(const Document& doc, const Container& c, FindingSink& sink) const override {
    for (const Mount& m : c.mounts) {
      if (m.read_only || m.host_path.empty() || is_runtime_socket(m.host_path) ||
          sensitive_host_directory(m.host_path) || !is_config(m))
        continue;
      std::string message = fmt::format(
          "{} mounts `{}` at `{}` writable: the container can change the host's copy of its "
          "configuration; mount it read-only",
          describe(c), m.host_path, m.target);
      auto edits = c.editor ? c.editor->mount_read_only(doc, c, m) : std::nullopt;
      if (edits)
        sink.report(m.span, message,
                    Fix{"Mount read-only", std::move(*edits), Applicability::unsafe});
      else
        sink.report(m.span, message);
    }
  }
};

INFRALINT_REGISTER_RULE(WritableConfigMount);

}  // namespace
}  // namespace infralint
