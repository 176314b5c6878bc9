#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "core/consulted.hpp"
#include "engine/container_rule.hpp"
#include "model/compose_file.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A service built from a local Dockerfile whose final stage `EXPOSE`s ports, publishing a
container port that is not among them. The Dockerfile is read from the build context
(relative to the compose file, inside a repository checkout) and `build.dockerfile` (default
`Dockerfile`); remote contexts, `dockerfile_inline`, Dockerfiles without `EXPOSE` in their final stage and interpolated ports
are not judged. Ports a base image exposes are unknown, which is why only Dockerfiles that
declare their own ports are checked.

## Why it matters
CIS Docker 5.9 asks that only needed ports be open. A published port the image does not
declare is either a stale mapping (the app moved to another port, the mapping now leads
nowhere) or an undeclared listener the Dockerfile should document.

## Example
```yaml
services:
  api:
    build: ./api          # its Dockerfile has EXPOSE 3000
    ports:
      - "127.0.0.1:8080:8080"
```

## Fixed
```yaml
services:
  api:
    build: ./api
    ports:
      - "127.0.0.1:8080:3000"
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "compose/port-not-exposed",
    .title = "Published port the Dockerfile does not EXPOSE",
    .severity = Severity::info,
    .categories = {Category::correctness, Category::compliance},
    .compliance = {"CIS-Docker-1.6:5.9"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

// The ports (number text, without protocol) the final stage EXPOSEs; nullopt when unknown.
std::optional<std::vector<std::string>> exposed_ports(const std::filesystem::path& dockerfile) {
  auto text = consulted::read_file(dockerfile);
  if (!text) return std::nullopt;
  std::vector<std::string> ports;
  std::string logical;
  std::istringstream lines(*text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line.back() == '\\') {
      logical += line.substr(0, line.size() - 1) + " ";
      continue;
    }
    logical += line;
    std::istringstream words(logical);
    logical.clear();
    std::string instruction;
    words >> instruction;
    std::transform(instruction.begin(), instruction.end(), instruction.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (instruction == "FROM") ports.clear();
    if (instruction != "EXPOSE") continue;
    for (std::string word; words >> word;) {
      if (word.find('$') != std::string::npos) return std::nullopt;
      ports.push_back(word.substr(0, word.find('/')));
    }
  }
  if (ports.empty()) return std::nullopt;
  return ports;
}

std::optional<std::filesystem::path> local_dockerfile(const std::filesystem::path& dir,
                                                      const yaml::Node& build) {
  std::string context = build.is_mapping() ? scalar_text(build.get("context")).value_or(".")
                                           : scalar_text(&build).value_or("");
  if (build.is_mapping() && build.get("dockerfile_inline")) return std::nullopt;
  std::string file = build.is_mapping()
                         ? scalar_text(build.get("dockerfile")).value_or("Dockerfile")
                         : "Dockerfile";
  for (const std::string& part : {context, file})
    if (part.empty() || part.find('$') != std::string::npos ||
        part.find("://") != std::string::npos || part.starts_with("git@"))
      return std::nullopt;
  std::filesystem::path path{file};
  return path.is_absolute() ? path : dir / context / path;
}

class PortNotExposed final : public ContainerRule {
 public:
  PortNotExposed() : ContainerRule(kMeta) {}

 protected:
  void check(const Document& doc, const Container& c, FindingSink& sink) const override {
    if (c.source != ContainerSource::compose_service || !c.has_build || c.ports.empty()) return;
    const yaml::Node* build = c.location.container ? c.location.container->get("build") : nullptr;
    if (!build) return;
    std::filesystem::path dir = compose_dir(doc.path());
    if (dir.empty()) return;
    auto dockerfile = local_dockerfile(dir, *build);
    if (!dockerfile) return;
    auto exposed = exposed_ports(*dockerfile);
    if (!exposed) return;
    std::string list;
    for (const std::string& p : *exposed) list += (list.empty() ? "" : ", ") + p;
    for (const PortBinding& port : c.ports) {
      const std::string& target = port.container_port;
      if (target.empty() || target.find('$') != std::string::npos ||
          target.find('-') != std::string::npos ||
          std::find(exposed->begin(), exposed->end(), target) != exposed->end())
        continue;
      sink.report(port.span, fmt::format("{} publishes container port {}, but its Dockerfile "
                                         "EXPOSEs only {}: a stale mapping or an undeclared "
                                         "listener",
                                         describe(c), target, list));
    }
  }
};

INFRALINT_REGISTER_RULE(PortNotExposed);

}  // namespace
}  // namespace infralint
