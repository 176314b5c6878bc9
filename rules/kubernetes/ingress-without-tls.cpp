#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An Ingress without `spec.tls`.

## Why it matters
Without a TLS section the ingress controller serves the hosts over plain HTTP (or with its
default, self-signed certificate): credentials and session cookies cross the network in the
clear.

## Example
```yaml
kind: Ingress
spec:
  rules:
    - host: shop.example.com
```

## Fixed
```yaml
kind: Ingress
spec:
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  rules:
    - host: shop.example.com
```

No automatic fix: the certificate's Secret (or cert-manager issuer) has to exist.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/ingress-without-tls",
    .title = "Ingress without TLS",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"polaris:tlsSettingsMissing"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class IngressWithoutTls final : public KubernetesObjectRule {
 public:
  IngressWithoutTls() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (o.kind != "Ingress") return;
    const yaml::Node* tls = at_path(o.node, {"spec", "tls"});
    if (tls && tls->is_sequence() && !tls->items.empty()) return;
    sink.report(o.span(), fmt::format("{} has no `spec.tls`, so its hosts are served over plain "
                                      "HTTP; add a TLS section with the certificate's Secret",
                                      o.describe()));
  }
};

INFRALINT_REGISTER_RULE(IngressWithoutTls);

}  // namespace
}  // namespace infralint
