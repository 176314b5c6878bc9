#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/secrets.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A ConfigMap whose `data` holds a credential: a value under a key that names a secret
(`DB_PASSWORD`, `apiKey`, `JWT_SECRET`) that is not empty, a placeholder or a flag, or a value
shaped like one under any key — a URL with a password in its user info
(`postgres://app:hunter2@db/app`), a private key, an AWS, GitHub, Slack or Stripe key, a JWT.

## Why it matters
ConfigMaps are not secret: anyone who can read the namespace's configuration (`get
configmaps`, dashboards, `kubectl describe`) reads them, they are never encrypted at rest, and
they end up in Git, Helm values and CI logs. A Secret can be restricted by RBAC, encrypted at
rest and mounted only where needed.

## Example
```yaml
kind: ConfigMap
data:
  DATABASE_URL: postgres://app:hunter2@db:5432/app
```

## Fixed
Move the credential to a Secret (better: an external secret store) and reference it:
```yaml
kind: Secret
stringData:
  DATABASE_URL: postgres://app:hunter2@db:5432/app   # created outside Git
```

No automatic fix: the value has to move out of the repository.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/secret-in-configmap",
    .title = "Credential in a ConfigMap",
    .severity = Severity::error,
    .categories = {Category::security},
    .compliance = {"NSA-CISA-K8s:secrets"},
    .aliases = {"polaris:sensitiveConfigmapContent", "trivy:KSV-0109", "trivy:KSV-01010"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class SecretInConfigMap final : public KubernetesObjectRule {
 public:
  SecretInConfigMap() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (o.kind != "ConfigMap") return;
    const yaml::Node* data = o.node->get("data");
    if (!data || !data->is_mapping()) return;
    for (const yaml::Pair& p : data->pairs) {
      auto key = scalar_text(p.key);
      auto value = scalar_text(p.value);
      if (!key || !value) continue;
      // A whole file (application.properties) is judged by shape only: its key is a file name.
      bool file = p.value->style == yaml::ScalarStyle::literal ||
                  p.value->style == yaml::ScalarStyle::folded;
      auto evidence = classify_secret(file ? "" : *key, *value);
      if (!evidence) continue;
      std::string what = evidence->by_shape ? evidence->what : "a credential";
      sink.report(p.value->span,
                  fmt::format("ConfigMap {} holds {} in `{}`: ConfigMaps are readable by anyone "
                              "who can read the namespace and are not encrypted; move it to a "
                              "Secret",
                              o.name, what, *key));
    }
  }
};

INFRALINT_REGISTER_RULE(SecretInConfigMap);

}  // namespace
}  // namespace infralint
