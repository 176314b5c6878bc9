#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/secrets.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `ARG` that carries a secret:
- its default value looks like one (an AWS key, a GitHub token, a private key, a URL with a
  password…), or is a literal under a secret's name (`ARG DB_PASSWORD=hunter2`) — an error;
- its name says it is a secret (`GITHUB_TOKEN`, `NPM_AUTH_TOKEN`, `DB_PASSWORD`) and the value
  comes from `--build-arg` — a warning.

Names that say where or how a secret is (`PASSWORD_FILE`, `TOKEN_URL`), flags and placeholders
(`<token>`, `true`) are not reported. `ENV` is `container/secret-in-environment`'s.

## Why it matters
Build arguments are not secret: they are recorded in the image's history (`docker history`)
for every RUN that sees them, and in the build's provenance attestation. A default is in the
Dockerfile itself, so in the repository. BuildKit's secret mounts give a command the secret
without leaving it anywhere.

## Example
```dockerfile
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
```

## Fixed
```dockerfile
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
```
built with `docker build --secret id=npm_token,env=NPM_TOKEN .`

No automatic fix: the commands that use the argument must change with it. Findings never show
the value.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/secret-in-build-arg",
    .title = "Secret passed as a build argument",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:4.10"},
    .aliases = {"hadolint:DL3064", "buildkit:SecretsUsedInArgOrEnv", "trivy:DS-0031"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class SecretInBuildArg final : public DockerfileRule {
 public:
  SecretInBuildArg() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const dockerfile::Instruction& ins = file.instructions[i];
      if (ins.keyword != dockerfile::Keyword::arg) continue;
      const dockerfile::Variables& vars = dockerfile::variables_at(file, i);
      for (const dockerfile::KeyValue& pair : ins.pairs) {
        const std::string& name = pair.key.value;
        std::optional<std::string> value;
        if (pair.value) value = dockerfile::expand(pair.value->raw, vars, file.escape);
        if (value && !value->empty()) {
          auto evidence = classify_secret(name, *value);
          if (!evidence) continue;
          std::string what = evidence->by_shape ? evidence->what : "a literal secret";
          auto& finding = sink.report(
              pair.value->span,
              fmt::format("the default of build argument `{}` is {}, in the Dockerfile and the "
                          "image history; remove it and mount the secret with "
                          "`RUN --mount=type=secret`",
                          name, what));
          finding.severity = Severity::error;
        } else if (name_says_secret(name)) {
          sink.report(pair.key.span,
                      fmt::format("build argument `{}` looks like a secret, and build arguments "
                                  "are kept in the image history and build provenance; pass it "
                                  "with `RUN --mount=type=secret` instead",
                                  name));
        }
      }
    }
  }
};

INFRALINT_REGISTER_RULE(SecretInBuildArg);

}  // namespace
}  // namespace infralint
