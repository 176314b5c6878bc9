#include <fmt/format.h>

#include "engine/rule.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`tls_config: {insecure_skip_verify: true}` in `prometheus.yml`: on a scrape job, an
alertmanager, a remote write or read, an OAuth2 client, or a service discovery block.

## Why it matters
Prometheus accepts any certificate from that endpoint: anyone on the path can impersonate it,
read the credentials Prometheus sends (bearer tokens, basic auth) and feed it false metrics —
or, for remote write, receive every series. Self-signed endpoints are better served by
`ca_file` with their CA.

## Example
```yaml
scrape_configs:
  - job_name: kubelet
    scheme: https
    tls_config:
      insecure_skip_verify: true
```

## Fixed
```yaml
scrape_configs:
  - job_name: kubelet
    scheme: https
    tls_config:
      ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
```

No automatic fix: the CA to trust is not known.
)md";

const RuleMeta kMeta{
    .id = "prometheus/tls-verification-disabled",
    .title = "TLS certificate verification disabled",
    .severity = Severity::warning,
    .categories = {Category::security},
    .fix = FixAvailability::none,
    .kinds = {Kind::prometheus_config},
    .docs = kDocs,
};

class TlsVerificationDisabled final : public Rule {
 public:
  TlsVerificationDisabled() : Rule(kMeta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    const auto* stream = doc.tree<yaml::Stream>();
    if (!stream || stream->documents.empty() || !stream->documents.front().root) return;
    // Every tls_config of the file, wherever it is nested (SD blocks, oauth2, ...).
    std::vector<const yaml::Node*> pending{stream->documents.front().root};
    std::size_t visited = 0;
    while (!pending.empty() && ++visited < 1'000'000) {
      const yaml::Node* n = pending.back();
      pending.pop_back();
      if (n->is_sequence()) {
        pending.insert(pending.end(), n->items.begin(), n->items.end());
        continue;
      }
      if (!n->is_mapping()) continue;
      for (const yaml::Pair& p : n->pairs) {
        if (p.merged) continue;
        if (p.key->is_scalar() && p.key->value == "tls_config" && p.value->is_mapping()) {
          const yaml::Node* skip = p.value->get("insecure_skip_verify");
          if (skip && skip->is_scalar() && skip->value == "true")
            sink.report(skip->span, "`insecure_skip_verify: true` accepts any certificate: the "
                                    "endpoint can be impersonated and the credentials sent to "
                                    "it read; trust its CA with `ca_file` instead");
        }
        pending.push_back(p.value);
      }
    }
  }
};

INFRALINT_REGISTER_RULE(TlsVerificationDisabled);

}  // namespace
}  // namespace infralint
