#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `EXPOSE` port, or an end of a port range, above 65535 once build arguments are resolved.
A port built from an argument with no known value is not judged.

## Why it matters
TCP and UDP ports are 16-bit numbers: BuildKit refuses the port and the build fails, usually
because of a typo (`80800` for `8080`).

## Example
```dockerfile
EXPOSE 80800
```

## Fixed
```dockerfile
EXPOSE 8080
```

No automatic fix: the intended port is not known.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/expose-port-out-of-range",
    .title = "EXPOSE port is above 65535",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL3011", "trivy:DS-0008", "kics:UNIX Ports Out Of Range"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

constexpr std::uint64_t kHighestPort = 65535;

class ExposePortOutOfRange final : public DockerfileRule {
 public:
  ExposePortOutOfRange() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      for (const ExposedPort& port : exposed_ports(file, i)) {
        if (port.first <= kHighestPort && port.last <= kHighestPort) continue;
        sink.report(port.span, fmt::format("port `{}` is out of range: ports go from 0 to 65535",
                                           port.text));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(ExposePortOutOfRange);

}  // namespace
}  // namespace infralint
