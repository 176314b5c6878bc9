#include <fmt/format.h>

#include "engine/container_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An environment variable of a container set to a literal secret, in a Dockerfile `ENV` (of the
final image), a compose `environment` or a Kubernetes `env[].value`:
- by its name: a word of the name (split at `_`, `-`, `.` and camelCase) is `PASSWORD`,
  `PASSWD`, `PASS`, `PASSPHRASE`, `SECRET`, `TOKEN`, `APIKEY`, `CREDENTIALS`, `CREDS`, or two
  words are `API KEY`, `PRIVATE KEY`, `ACCESS KEY`, `ENCRYPTION KEY`, `SIGNING KEY`; or the last
  word is `AUTH` (`BASIC_AUTH`, not `AUTH_ENABLED`). Names whose last word says the value is
  not the secret itself are skipped: `POSTGRES_PASSWORD_FILE`, `TOKEN_PATH`, `SECRET_NAME`,
  `AWS_ACCESS_KEY_ID`, `TOKEN_TTL`, `PASSWORD_MIN_LENGTH`, ... So are flags (`true`, `no`, `1`,
  ...), placeholders (`<your token>`, a value equal to the name) and paths under `/run/secrets/`;
- by its value, whatever the name: an AWS access key id (`AKIA…`, `ASIA…`), a GitHub token
  (`ghp_…`, `github_pat_…`), a Slack token (`xoxb-…`), a private key (`-----BEGIN … PRIVATE
  KEY-----`), a Stripe live key (`sk_live_…`), a Google API key (`AIza…`), a JSON Web Token, or
  a URL with a password (`postgres://app:hunter2@db/app`).

References are fine and not reported: compose `${VAR}`, Kubernetes `valueFrom` and `$(VAR)`,
Dockerfile `$VAR`. Findings never show the value. Dockerfile `ARG` is not judged here.

## Why it matters
A literal secret is in the repository's history forever, in every clone and CI log; in a
Dockerfile it is baked into the image and shown by `docker history`; in a manifest it is
readable by anyone who can read the Deployment, which is far more people than can read Secrets.

## Example
```yaml
services:
  db:
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD: hunter2
```

## Fixed
```yaml
services:
  db:
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets:
      - db_password
secrets:
  db_password:
    file: ./db_password.txt
```

No automatic fix: the secret must move to a secret store, and it must be rotated, since it has
already leaked.
)md";

const RuleMeta kMeta{
    .id = "container/secret-in-environment",
    .title = "Literal secret in a container's environment",
    .severity = Severity::error,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:4.10"},
    .aliases = {"kube-linter:env-var-secret", "polaris:sensitiveContainerEnvVar", "hadolint:DL3064",
                "buildkit:SecretsUsedInArgOrEnv", "trivy:DS-0031",
                "kics:Secrets Stored In Dockerfile"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile, Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

std::string_view advice(const Container& c) {
  switch (c.source) {
    case ContainerSource::compose_service:
      return "mount it with compose `secrets:` or pass `${VAR}` from an untracked .env file";
    case ContainerSource::kubernetes_container:
      return "put it in a Secret and reference it with `valueFrom.secretKeyRef`";
    case ContainerSource::dockerfile_image:
      return "ENV is baked into the image and shown by `docker history`; pass it at run time, "
             "or with `RUN --mount=type=secret` at build time";
    case ContainerSource::railway_service:
      return "set it as a Railway service variable, not in the repository";
  }
  return "";
}

// Reads the model's SecretValues: the adapters found the literal environment values and
// classify_secret judged them, so every format shares one notion of a secret.
class SecretInEnvironment final : public Rule {
 public:
  SecretInEnvironment() : Rule(kMeta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    const auto* model = doc.model<Model>();
    if (!model) return;
    for (const SecretValue& secret : model->secrets) {
      if (!secret.container) continue;
      const Container& c = model->containers[*secret.container];
      if (secret.by_shape) {
        sink.report(secret.span,
                    fmt::format("environment variable `{}` of {} holds what looks like {}; {}",
                                secret.name, describe(c), secret.what, advice(c)));
      } else {
        sink.report(secret.span,
                    fmt::format("environment variable `{}` of {} is a secret by its name, set to "
                                "a literal value; {}",
                                secret.name, describe(c), advice(c)));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(SecretInEnvironment);

}  // namespace
}  // namespace infralint
