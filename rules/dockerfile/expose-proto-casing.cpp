#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_casing.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `EXPOSE` port whose protocol is not lowercase (`EXPOSE 53/UDP`), once variables are resolved.

## Why it matters
Docker expects `tcp`, `udp` or `sctp`; other casings are normalised today only by some tools,
and the port may not match a `-p 53:53/udp` publication elsewhere.
BuildKit check: [ExposeProtoCasing](https://docs.docker.com/go/dockerfile/rule/expose-proto-casing/).

## Example
```dockerfile
EXPOSE 53/UDP
```

## Fixed
```dockerfile
EXPOSE 53/udp
```

The fix is safe: it lowercases the protocol. It is offered when the port is written without
variables.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/expose-proto-casing",
    .title = "EXPOSE protocol is not lowercase",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"buildkit:ExposeProtoCasing"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class ExposeProtoCasing final : public DockerfileRule {
 public:
  ExposeProtoCasing() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const dockerfile::Instruction& ins = file.instructions[i];
      if (ins.keyword != dockerfile::Keyword::expose) continue;
      const dockerfile::Variables* vars = nullptr;
      for (const dockerfile::Word& word : ins.words) {
        std::optional<std::string> port = word.raw;
        if (word.raw.find('$') != std::string::npos) {
          if (!vars) vars = &dockerfile::variables_at(file, i);
          port = dockerfile::expand(word.raw, *vars, file.escape);
        }
        if (!port) continue;
        auto slash = port->rfind('/');
        if (slash == std::string::npos) continue;
        std::string proto = port->substr(slash + 1);
        std::string lower = ascii_lower(proto);
        if (proto == lower) continue;
        bool literal = doc.slice(word.span) == *port;
        Span span = literal ? Span{word.span.begin + slash + 1, word.span.end} : word.span;
        auto& finding = sink.report(
            span, fmt::format("Protocol '{}' of EXPOSE {} should be lowercase: '{}'", proto,
                              *port, lower));
        if (literal)
          finding.fix = Fix{fmt::format("Write '{}'", lower), {{span, lower}},
                            Applicability::safe};
      }
    }
  }
};

INFRALINT_REGISTER_RULE(ExposeProtoCasing);

}  // namespace
}  // namespace infralint
