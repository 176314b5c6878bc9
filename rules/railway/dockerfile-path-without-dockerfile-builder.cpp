#include <fmt/format.h>

#include <cctype>

#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`build.dockerfilePath` where the deployment's builder is not `DOCKERFILE` (`RAILPACK`, or a
legacy `NIXPACKS`/`HEROKU`/`PAKETO`), judged per deployment: the base config and each
environment, whose values override the base's.

## Why it matters
`dockerfilePath` tells the Dockerfile builder which file to build. With `builder = "RAILPACK"`
the file says two contradicting things: build from source with Railpack, and build this
Dockerfile. Which one wins is not documented (Railway builds with a Dockerfile whenever it
finds one), so the service may be built differently from what a reader of the file expects.

## Example
```toml
[build]
builder = "RAILPACK"
dockerfilePath = "Dockerfile.api"
```

## Fixed
```toml
[build]
builder = "DOCKERFILE"
dockerfilePath = "Dockerfile.api"
```

No automatic fix: either line may be the stale one.
)md";

const RuleMeta kMeta{
    .id = "railway/dockerfile-path-without-dockerfile-builder",
    .title = "dockerfilePath set with a builder other than DOCKERFILE",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class DockerfilePathWithoutDockerfileBuilder final : public RailwayRule {
 public:
  DockerfilePathWithoutDockerfileBuilder() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    ReportedSpans reported;
    for (const railway::View& view : config.views()) {
      const toml::Entry* path = view.find("build", "dockerfilePath");
      const toml::Entry* builder = view.find("build", "builder");
      if (!path || path->value->type != toml::Type::string || !builder ||
          builder->value->type != toml::Type::string)
        continue;
      std::string up = builder->value->text;
      for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (up == "DOCKERFILE" || up.empty() || !reported.first_time(path->key_span)) continue;
      sink.report(path->key_span,
                  fmt::format("`dockerfilePath` is set but the builder is `{}` ({}); a "
                              "Dockerfile path only means something to the `DOCKERFILE` "
                              "builder: set `builder = \"DOCKERFILE\"` or remove "
                              "`dockerfilePath`",
                              builder->value->text, view.name()));
    }
  }
};

INFRALINT_REGISTER_RULE(DockerfilePathWithoutDockerfileBuilder);

}  // namespace
}  // namespace infralint
