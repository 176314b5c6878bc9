#include <fmt/format.h>

#include <map>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container whose `env` lists the same variable name twice.

## Why it matters
Kubernetes keeps the last one silently; `kubectl apply` with server-side apply rejects the
duplicate key, and a later edit of the first entry has no effect — a classic source of "the
config change did nothing".

## Example
```yaml
env:
  - name: LOG_LEVEL
    value: info
  - name: LOG_LEVEL
    value: debug
```

## Fixed
```yaml
env:
  - name: LOG_LEVEL
    value: debug
```

No automatic fix: which value was meant is the author's call.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/duplicate-env-var",
    .title = "Environment variable set twice",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"kube-linter:duplicate-env-var", "kube-score:environment-variable-key-duplication"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class DuplicateEnvVar final : public KubernetesObjectRule {
 public:
  DuplicateEnvVar() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      const yaml::Node* env = c.node->get("env");
      if (!env || !env->is_sequence()) continue;
      std::map<std::string, const yaml::Node*> seen;
      for (const yaml::Node* e : env->items) {
        const yaml::Node* name = e->is_mapping() ? e->get("name") : nullptr;
        auto text = scalar_text(name);
        if (!text) continue;
        auto [it, fresh] = seen.emplace(*text, name);
        if (fresh) continue;
        Finding& f =
            sink.report(name->span, fmt::format("container `{}` of {} sets `{}` again; Kubernetes "
                                                "keeps only the last value",
                                                c.name, o.describe(), *text));
        f.related.push_back({it->second->span, "first set here"});
      }
    }
  }
};

INFRALINT_REGISTER_RULE(DuplicateEnvVar);

}  // namespace
}  // namespace infralint
