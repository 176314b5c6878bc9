#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container that reads a Secret into its environment: an `env` entry with
`valueFrom.secretKeyRef`, or an `envFrom` entry with `secretRef`. Every pod-template kind, init
and ephemeral containers included. Opt-in: reading Secrets from the environment is common and
sometimes the only way an application takes its configuration.

(A literal secret *value* in `env` is `container/secret-in-environment`'s, an error.)

## Why it matters
The environment leaks more easily than a file: child processes inherit it, crash reporters and
debug endpoints dump it, `kubectl describe` and `/proc/<pid>/environ` show it, and it never
changes when the Secret is rotated — the pod must restart. A Secret mounted as a volume is
readable only by the process that opens the file, and is updated in place. CIS Kubernetes 5.4.1
prefers Secrets as files.

## Example
```yaml
env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef:
        name: db
        key: password
```

## Fixed
```yaml
volumeMounts:
  - name: db
    mountPath: /run/secrets/db
    readOnly: true
# volumes: [{name: db, secret: {secretName: db}}], and the application reads
# /run/secrets/db/password
```

No automatic fix: the application must read the file.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/secret-in-env-var",
    .title = "Secret read into an environment variable",
    .severity = Severity::info,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Kubernetes:5.4.1"},
    .aliases = {"kube-linter:read-secret-from-env-var", "checkov:CKV_K8S_35"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .opt_in = true,
};

class SecretInEnvVar final : public KubernetesObjectRule {
 public:
  SecretInEnvVar() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      if (const yaml::Node* env = c.node->get("env"); env && env->is_sequence())
        for (const yaml::Node* e : env->items) {
          const yaml::Node* from = e->is_mapping() ? e->get("valueFrom") : nullptr;
          const yaml::Pair* ref = from && from->is_mapping() ? from->pair("secretKeyRef") : nullptr;
          if (!ref) continue;
          sink.report(ref->key->span,
                      fmt::format("container `{}` of {} reads key `{}` of Secret `{}` into "
                                  "`{}`: the environment leaks to child processes and dumps; "
                                  "mount the Secret as a file instead",
                                  c.name, o.describe(),
                                  scalar_text(at_path(ref->value, {"key"})).value_or("?"),
                                  scalar_text(at_path(ref->value, {"name"})).value_or("?"),
                                  scalar_text(e->get("name")).value_or("?")));
        }
      if (const yaml::Node* env_from = c.node->get("envFrom"); env_from && env_from->is_sequence())
        for (const yaml::Node* e : env_from->items) {
          const yaml::Pair* ref = e->is_mapping() ? e->pair("secretRef") : nullptr;
          if (!ref) continue;
          sink.report(ref->key->span,
                      fmt::format("container `{}` of {} reads every key of Secret `{}` into its "
                                  "environment: it leaks to child processes and dumps; mount "
                                  "the Secret as files instead",
                                  c.name, o.describe(),
                                  scalar_text(at_path(ref->value, {"name"})).value_or("?")));
        }
    }
  }
};

INFRALINT_REGISTER_RULE(SecretInEnvVar);

}  // namespace
}  // namespace infralint
