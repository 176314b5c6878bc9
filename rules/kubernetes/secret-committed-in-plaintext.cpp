#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Secret manifest that carries its values: a non-empty `stringData` value, or a `data` value
(base64 is an encoding, not encryption). Placeholders (`<base64-encoded-secret>`, `changeme`,
`${VAR}`, `{{ .Values.x }}`) and empty values are not reported; neither are Secrets of type
`kubernetes.io/service-account-token`, which the cluster fills in.

## Why it matters
A Secret committed to a repository is readable by everyone with access to the repository,
its forks, its CI logs and its history, forever — rotating the credential is the only way
back. Secrets belong in a secret store (External Secrets, Sealed Secrets, SOPS, Vault) and
reach the cluster without passing through Git in the clear.

## Example
```yaml
kind: Secret
stringData:
  DB_PASSWORD: hunter2
```

## Fixed
```yaml
kind: SealedSecret
spec:
  encryptedData:
    DB_PASSWORD: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq...
```

No automatic fix: the secret has to be rotated and moved to a secret store.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/secret-committed-in-plaintext",
    .title = "Secret manifest holds its values",
    .severity = Severity::error,
    .categories = {Category::security},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

bool placeholder(std::string_view v) {
  return v.empty() || (v.starts_with('<') && v.ends_with('>')) || v.find("${") != v.npos ||
         v.find("{{") != v.npos || v == "changeme" || v == "CHANGEME" || v == "TODO" ||
         v == "REPLACE_ME" || v == "xxx";
}

class SecretCommittedInPlaintext final : public KubernetesObjectRule {
 public:
  SecretCommittedInPlaintext() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (o.kind != "Secret" || o.api_version != "v1") return;
    if (scalar_text(o.node->get("type")) == "kubernetes.io/service-account-token") return;
    for (std::string_view field : {"stringData", "data"}) {
      const yaml::Node* values = o.node->get(field);
      if (!values || !values->is_mapping()) continue;
      for (const yaml::Pair& p : values->pairs) {
        auto value = scalar_text(p.value);
        if (!value || placeholder(*value)) continue;
        sink.report(p.value->span,
                    fmt::format("Secret {} holds the value of `{}` {}: anyone with the "
                                "repository has it; keep it in a secret store (External Secrets, "
                                "Sealed Secrets, SOPS) and rotate it",
                                o.name, scalar_text(p.key).value_or(""),
                                field == "data" ? "base64-encoded, which is not encryption"
                                                : "in plain text"));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(SecretCommittedInPlaintext);

}  // namespace
}  // namespace infralint
