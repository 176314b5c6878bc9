#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

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
                "kics:Secrets Stored In Dockerfile", "checkov:CKV_K8S_35"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile, Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

struct SecretShape {
  const char* what;
  RE2 pattern;
};

// Compiled once; RE2 matching is thread-safe and linear in the value's length.
const std::array<SecretShape, 9>& secret_shapes() {
  static const std::array<SecretShape, 9> shapes{{
      {"an AWS access key id", RE2(R"(\b(?:AKIA|ASIA)[0-9A-Z]{16}\b)")},
      {"a GitHub token", RE2(R"(\bgh[pousr]_[A-Za-z0-9]{36,})")},
      {"a GitHub token", RE2(R"(\bgithub_pat_[A-Za-z0-9_]{22,})")},
      {"a Slack token", RE2(R"(\bxox[baprs]-[A-Za-z0-9-]{10,})")},
      {"a private key", RE2(R"(-----BEGIN[A-Z ]*PRIVATE KEY-----)")},
      {"a Stripe live key", RE2(R"(\b[sr]k_live_[0-9A-Za-z]{16,})")},
      {"a Google API key", RE2(R"(\bAIza[0-9A-Za-z_-]{35})")},
      {"a JSON Web Token", RE2(R"(\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*)")},
      {"a URL with a password", RE2(R"((?i)\b[a-z][a-z0-9+.-]*://[^/\s:@]*:([^/\s@]+)@)")},
  }};
  return shapes;
}

// What the value looks like, or nullopt when it has no known secret shape.
std::optional<std::string_view> secret_shape(const std::string& value) {
  for (const SecretShape& shape : secret_shapes()) {
    if (shape.pattern.NumberOfCapturingGroups() == 1) {
      std::string password;
      // A password that is itself a reference ($(VAR), ${VAR}) is not a literal.
      if (RE2::PartialMatch(value, shape.pattern, &password) && !password.starts_with('$'))
        return shape.what;
    } else if (RE2::PartialMatch(value, shape.pattern)) {
      return shape.what;
    }
  }
  return std::nullopt;
}

// The words of a name, upper-cased: "dbPassword" and "DB_PASSWORD" both give DB, PASSWORD.
std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::exchange(word, {}));
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    unsigned char ch = name[i];
    if (!std::isalnum(ch)) {
      flush();
      continue;
    }
    if (std::isupper(ch) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]))) flush();
    word.push_back(static_cast<char>(std::toupper(ch)));
  }
  flush();
  return words;
}

bool one_of(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool name_says_secret(std::string_view name) {
  std::vector<std::string> words = words_of(name);
  if (words.empty()) return false;
  // The variable holds where or how the secret is, not the secret.
  if (one_of(words.back(),
             {"FILE",     "PATH",     "DIR",    "FILENAME", "LOCATION", "NAME",    "ID",
              "URL",      "HOST",     "PORT",   "USER",     "USERNAME", "ENABLED", "ENABLE",
              "DISABLED", "REQUIRED", "LENGTH", "TTL",      "EXPIRY",   "EXPIRES", "EXPIRATION",
              "TIMEOUT",  "HEADER",   "TYPE",   "POLICY",   "MODE",     "PREFIX"}))
    return false;
  if (words.back() == "AUTH") return true;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (one_of(words[i], {"PASSWORD", "PASSWD", "PASS", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY",
                          "CREDENTIALS", "CREDS"}))
      return true;
    if (i + 1 < words.size() && words[i + 1] == "KEY" &&
        one_of(words[i], {"API", "PRIVATE", "ACCESS", "ENCRYPTION", "SIGNING"}))
      return true;
  }
  return false;
}

// Flags, placeholders and references rather than secrets.
bool value_is_not_a_secret(std::string_view name, std::string_view value) {
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return lower.empty() || one_of(lower, {"true", "false", "yes", "no", "on", "off", "0", "1"}) ||
         value == name || (value.starts_with('<') && value.ends_with('>')) ||
         lower.starts_with("/run/secrets/") || value.find("$(") != std::string_view::npos;
}

std::string_view advice(const Container& c) {
  switch (c.source) {
    case ContainerSource::compose_service:
      return "mount it with compose `secrets:` or pass `${VAR}` from an untracked .env file";
    case ContainerSource::kubernetes_container:
      return "put it in a Secret and reference it with `valueFrom.secretKeyRef`";
    case ContainerSource::dockerfile_image:
      return "ENV is baked into the image and shown by `docker history`; pass it at run time, "
             "or with `RUN --mount=type=secret` at build time";
  }
  return "";
}

class SecretInEnvironment final : public ContainerRule {
 public:
  SecretInEnvironment() : ContainerRule(kMeta) {}

 protected:
  void check(const Document&, const Container& c, FindingSink& sink) const override {
    for (const EnvVar& v : c.env) {
      if (!v.literal || v.literal->empty()) continue;
      if (auto shape = secret_shape(*v.literal)) {
        sink.report(v.value_span,
                    fmt::format("environment variable `{}` of {} holds what looks like {}; {}",
                                v.name, describe(c), *shape, advice(c)));
      } else if (name_says_secret(v.name) && !value_is_not_a_secret(v.name, *v.literal)) {
        sink.report(v.value_span,
                    fmt::format("environment variable `{}` of {} is a secret by its name, set to "
                                "a literal value; {}",
                                v.name, describe(c), advice(c)));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(SecretInEnvironment);

}  // namespace
}  // namespace infralint
