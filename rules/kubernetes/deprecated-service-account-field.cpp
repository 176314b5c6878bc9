#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "fix/yaml_writer.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A pod spec that uses `serviceAccount`, the deprecated alias of `serviceAccountName`.

## Why it matters
The field is kept only for compatibility: the API server copies it into
`serviceAccountName`, tools read one or the other, and when both are written with different
values it is not obvious which ServiceAccount — and which permissions — the pod gets.

## Example
```yaml
spec:
  serviceAccount: api
```

## Fixed
```yaml
spec:
  serviceAccountName: api
```

The fix is safe: it renames the key when `serviceAccountName` is absent, and removes
`serviceAccount` when `serviceAccountName` has the same value. Different values are left for
you to reconcile.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/deprecated-service-account-field",
    .title = "Deprecated serviceAccount field",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .aliases = {"kube-linter:deprecated-service-account-field"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class DeprecatedServiceAccountField final : public KubernetesObjectRule {
 public:
  DeprecatedServiceAccountField() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream& stream, const k8s::Object& o,
             FindingSink& sink) const override {
    const yaml::Pair* old = o.pod_spec ? o.pod_spec->pair("serviceAccount") : nullptr;
    if (!old || old->merged) return;
    const yaml::Node* current = o.pod_spec->get("serviceAccountName");
    auto old_value = scalar_text(old->value);
    Finding& f =
        sink.report(old->key->span, fmt::format("{} uses the deprecated `serviceAccount`; write "
                                                "`serviceAccountName`",
                                                o.describe()));
    if (!current && old->key->style == yaml::ScalarStyle::plain) {
      f.fix = Fix{"Rename to serviceAccountName",
                  {{old->key->span, "serviceAccountName"}},
                  Applicability::safe};
    } else if (current && scalar_text(current) == old_value) {
      if (auto edit = yaml_edit::remove_pair(doc.text(), stream, *o.pod_spec, "serviceAccount"))
        f.fix = Fix{"Remove the deprecated duplicate", {*edit}, Applicability::safe};
    }
  }
};

INFRALINT_REGISTER_RULE(DeprecatedServiceAccountField);

}  // namespace
}  // namespace infralint
