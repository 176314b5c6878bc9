#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A pod template that references an object the linted files do not define:
- a ServiceAccount (`serviceAccountName`, except `default`);
- a ConfigMap or Secret (`envFrom`, `env[].valueFrom`, `configMap`/`secret`/`projected`
  volumes, `imagePullSecrets`), unless the reference is `optional: true`;
- a PersistentVolumeClaim (`persistentVolumeClaim.claimName`).

The object may be defined in another file of the run (the same repository); a close spelling
is suggested.

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
                 "Report missing objects as warnings rather than info (default false)."},
                kExternalServicesOption},
};

// The links live in the stack (src/model/stack/kubernetes_links.cpp): a Deployment and its
// ConfigMap in two files of one run are linked, not flagged.
class ReferencedObjectNotDefined final : public StackRule {
 public:
  ReferencedObjectNotDefined() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::references || e.problem != stack::Problem::undefined)
        continue;
      if (sink.external(e.from.doc, e.name)) continue;
      Finding& f = sink.report(
          e.from, fmt::format("{} references {} `{}`, which is not defined in the linted files{}",
                              e.subject, e.target_kind, e.name,
                              sink.suggestion_hint(e, "; make sure it exists before the pod "
                                                      "starts")));
      sink.relate_suggestion(f, e, fmt::format("{} `{}` is defined here", e.target_kind,
                                               e.suggestion));
      if (sink.options(e.from.doc).flag("as-warning", false)) f.severity = Severity::warning;
    }
  }
};

INFRALINT_REGISTER_RULE(ReferencedObjectNotDefined);

}  // namespace
}  // namespace infralint
