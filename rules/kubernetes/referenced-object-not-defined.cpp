#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_relations.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A pod template that references an object the linted files do not define:
- a ServiceAccount (`serviceAccountName`, except `default`);
- a ConfigMap or Secret (`envFrom`, `env[].valueFrom`, `configMap`/`secret`/`projected`
  volumes, `imagePullSecrets`), unless the reference is `optional: true`;
- a PersistentVolumeClaim (`persistentVolumeClaim.claimName`).

Severity info: the object may well be created elsewhere (another file, a Helm chart, an
operator, by hand). The option `as-warning` makes the findings warnings, for repositories that
keep all of an application's objects together.

## Why it matters
A missing ServiceAccount, ConfigMap or claim keeps the pod from starting
(`CreateContainerConfigError`, `Pending`) — discovered at deploy time instead of review.

## Example
```yaml
envFrom:
  - configMapRef:
      name: app-config   # no ConfigMap app-config anywhere
```

## Fixed
Define the ConfigMap next to the Deployment, or mark the reference `optional: true`.

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/referenced-object-not-defined",
    .title = "Pod references an object that is not defined",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .aliases = {"kube-linter:non-existent-service-account", "kube-linter:env-value-from"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .options = {{"as-warning", OptionType::flag,
                 "Report missing objects as warnings rather than info (default false)."}},
};

struct Reference {
  std::string_view kind;
  const yaml::Node* name = nullptr;
};

bool optional_ref(const yaml::Node* ref) {
  return scalar_bool(at_path(ref, {"optional"})) == true;
}

void add(std::vector<Reference>& out, std::string_view kind, const yaml::Node* ref,
         std::string_view key) {
  if (ref && ref->is_mapping() && !optional_ref(ref))
    if (const yaml::Node* name = ref->get(key)) out.push_back({kind, name});
}

std::vector<Reference> references_of(const yaml::Node* pod) {
  std::vector<Reference> out;
  if (const yaml::Node* sa = pod->get("serviceAccountName"); scalar_text(sa) != "default")
    if (sa) out.push_back({"ServiceAccount", sa});
  if (const yaml::Node* secrets = pod->get("imagePullSecrets"); secrets && secrets->is_sequence())
    for (const yaml::Node* s : secrets->items) add(out, "Secret", s, "name");
  for (const k8s::ContainerNode& c : k8s::containers_of(pod)) {
    if (const yaml::Node* from = c.node->get("envFrom"); from && from->is_sequence())
      for (const yaml::Node* f : from->items) {
        add(out, "ConfigMap", at_path(f, {"configMapRef"}), "name");
        add(out, "Secret", at_path(f, {"secretRef"}), "name");
      }
    if (const yaml::Node* env = c.node->get("env"); env && env->is_sequence())
      for (const yaml::Node* e : env->items) {
        add(out, "ConfigMap", at_path(e, {"valueFrom", "configMapKeyRef"}), "name");
        add(out, "Secret", at_path(e, {"valueFrom", "secretKeyRef"}), "name");
      }
  }
  if (const yaml::Node* volumes = pod->get("volumes"); volumes && volumes->is_sequence())
    for (const yaml::Node* v : volumes->items) {
      add(out, "ConfigMap", at_path(v, {"configMap"}), "name");
      add(out, "Secret", at_path(v, {"secret"}), "secretName");
      add(out, "PersistentVolumeClaim", at_path(v, {"persistentVolumeClaim"}), "claimName");
      if (const yaml::Node* sources = at_path(v, {"projected", "sources"});
          sources && sources->is_sequence())
        for (const yaml::Node* s : sources->items) {
          add(out, "ConfigMap", at_path(s, {"configMap"}), "name");
          add(out, "Secret", at_path(s, {"secret"}), "name");
        }
    }
  return out;
}

class ReferencedObjectNotDefined final : public KubernetesStreamRule {
 public:
  ReferencedObjectNotDefined() : KubernetesStreamRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const std::vector<k8s::Object>& objects,
             FindingSink& sink) const override {
    bool warn = sink.options().flag("as-warning", false);
    for (const k8s::Object& o : objects) {
      if (!o.pod_spec) continue;
      for (const Reference& r : references_of(o.pod_spec)) {
        auto name = scalar_text(r.name);
        if (!name || name->empty() || name->find("{{") != std::string::npos) continue;
        if (k8s::find_object(objects, r.kind, *name, o.namespace_)) continue;
        Finding& f = sink.report(r.name->span,
                                 fmt::format("{} references {} `{}`, which is not defined in the "
                                             "linted files; make sure it exists before the pod "
                                             "starts",
                                             o.describe(), r.kind, *name));
        if (warn) f.severity = Severity::warning;
      }
    }
  }
};

INFRALINT_REGISTER_RULE(ReferencedObjectNotDefined);

}  // namespace
}  // namespace infralint
