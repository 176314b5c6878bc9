#include <fmt/format.h>

#include "engine/rule.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A secret written into `prometheus.yml` itself — `basic_auth.password`,
`authorization.credentials`, `bearer_token`, `oauth2.client_secret` — in a scrape job, an
alertmanager, a remote write or a remote read, instead of the `*_file` form
(`password_file`, `credentials_file`, `bearer_token_file`, `client_secret_file`) that reads
it from a mounted secret. The message says when the endpoint is also plain `http`, where the
secret crosses the network in clear text.

## Why it matters
The configuration is committed, copied into images and shown by the `/api/v1/status/config`
endpoint to anyone who can reach Prometheus (it masks only some fields, and only in newer
versions). A secret there is a secret shared with everyone who can read the repository.

## Example
```yaml
scrape_configs:
  - job_name: billing
    basic_auth:
      username: prometheus
      password: s3cr3t-Passw0rd
```

## Fixed
```yaml
scrape_configs:
  - job_name: billing
    basic_auth:
      username: prometheus
      password_file: /etc/prometheus/secrets/billing-password
```

No automatic fix: the secret has to be moved to a file (and rotated: it is in the history).
)md";

const RuleMeta kMeta{
    .id = "prometheus/inline-credentials",
    .title = "Credentials written into prometheus.yml",
    .severity = Severity::warning,
    .categories = {Category::security},
    .fix = FixAvailability::none,
    .kinds = {Kind::prometheus_config},
    .docs = kDocs,
};

struct SecretField {
  std::string_view block;  // "" for a field of the endpoint itself
  std::string_view field;
  std::string_view file_form;
};
constexpr SecretField kSecrets[] = {
    {"basic_auth", "password", "password_file"},
    {"authorization", "credentials", "credentials_file"},
    {"", "bearer_token", "bearer_token_file"},
    {"oauth2", "client_secret", "client_secret_file"},
};

class InlineCredentials final : public Rule {
 public:
  InlineCredentials() : Rule(kMeta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    const auto* stream = doc.tree<yaml::Stream>();
    if (!stream || stream->documents.empty() || !stream->documents.front().root) return;
    const yaml::Node& root = *stream->documents.front().root;
    if (!root.is_mapping()) return;
    endpoints(root.get("scrape_configs"), "scrape job", "job_name", sink);
    endpoints(root.get("remote_write"), "remote write", "url", sink);
    endpoints(root.get("remote_read"), "remote read", "url", sink);
    if (const yaml::Node* alerting = root.get("alerting"); alerting && alerting->is_mapping())
      endpoints(alerting->get("alertmanagers"), "alertmanager", "", sink);
  }

 private:
  static void endpoints(const yaml::Node* list, std::string_view what, std::string_view name_key,
                        FindingSink& sink) {
    if (!list || !list->is_sequence()) return;
    for (const yaml::Node* endpoint : list->items) {
      if (!endpoint->is_mapping()) continue;
      std::string name;
      if (const yaml::Node* n = name_key.empty() ? nullptr : endpoint->get(name_key);
          n && n->is_scalar())
        name = fmt::format(" `{}`", n->value);
      const yaml::Node* scheme = endpoint->get("scheme");
      bool cleartext = scheme && scheme->is_scalar() && scheme->value == "http";
      for (const SecretField& s : kSecrets) {
        const yaml::Node* owner = s.block.empty() ? endpoint : endpoint->get(s.block);
        if (!owner || !owner->is_mapping()) continue;
        const yaml::Node* value = owner->get(s.field);
        if (!value || !value->is_scalar() || value->is_null() || value->value.empty()) continue;
        std::string field = s.block.empty() ? std::string(s.field)
                                            : fmt::format("{}.{}", s.block, s.field);
        sink.report(value->span,
                    fmt::format("{}{} has its `{}` written in the configuration; read it from a "
                                "mounted secret with `{}`{}",
                                what, name, field, s.file_form,
                                cleartext ? ", and use `scheme: https`: over `http` it crosses "
                                            "the network in clear text"
                                          : ""));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(InlineCredentials);

}  // namespace
}  // namespace infralint
