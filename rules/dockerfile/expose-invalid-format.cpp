#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `EXPOSE` port written with a host address or host port (`EXPOSE 127.0.0.1:8080:80`,
`EXPOSE 8080:80`), once variables are resolved.

## Why it matters
`EXPOSE` only documents the container's port: BuildKit drops the address and host port, so the
line does not do what it says (no port is published, and not on that address). BuildKit warns
that it "will become an error in a future release". Publish ports with `docker run -p` or the
compose `ports:` key instead.
BuildKit check: [ExposeInvalidFormat](https://docs.docker.com/go/dockerfile/rule/expose-invalid-format/).

## Example
```dockerfile
EXPOSE 127.0.0.1:8080:80/tcp
```

## Fixed
```dockerfile
EXPOSE 80/tcp
```

No automatic fix: where the host mapping belongs (compose, `docker run`) is for the author.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/expose-invalid-format",
    .title = "EXPOSE with a host address or host port",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"buildkit:ExposeInvalidFormat"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class ExposeInvalidFormat final : public DockerfileRule {
 public:
  ExposeInvalidFormat() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const dockerfile::Instruction& ins = file.instructions[i];
      if (ins.keyword != dockerfile::Keyword::expose) continue;
      for (const dockerfile::Word& word : ins.words) {
        std::optional<std::string> port = word.raw;
        if (word.raw.find('$') != std::string::npos)
          port = dockerfile::expand(word.raw, dockerfile::variables_at(file, i), file.escape);
        if (!port) continue;
        auto colon = port->rfind(':');
        if (colon == std::string::npos) continue;
        sink.report(word.span,
                    fmt::format("EXPOSE {} maps a host {}, which EXPOSE ignores: only the "
                                "container port {} is exposed; publish with `-p` or compose "
                                "`ports:` instead",
                                *port, port->find(':') < colon ? "address and port" : "port",
                                port->substr(colon + 1)));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(ExposeInvalidFormat);

}  // namespace
}  // namespace infralint
