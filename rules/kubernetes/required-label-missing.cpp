#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An object without one of the labels or annotations the configuration requires:
```yaml
rules:
  kubernetes/required-label-missing:
    labels: [owner, app.kubernetes.io/name]
    annotations: [email]
```
Defaults: the label `owner` (kube-linter's `required-label-owner`), no annotation.

Opt-in: which labels a team requires is its convention.

## Why it matters
Ownership and app labels are how alerts, cost reports and incident responders find who runs
an object; selectors and dashboards depend on them too.

## Example
```yaml
metadata:
  name: api
```

## Fixed
```yaml
metadata:
  name: api
  labels:
    owner: team-payments
```

No automatic fix: the values are the team's.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/required-label-missing",
    .title = "Required label or annotation missing",
    .severity = Severity::info,
    .categories = {Category::compliance},
    .aliases = {"kube-linter:required-label-owner", "kube-linter:required-annotation-email"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .options = {{"labels", OptionType::strings, "Labels every object must have (default [owner])."},
                {"annotations", OptionType::strings,
                 "Annotations every object must have (default none)."}},
    .opt_in = true,
};

class RequiredLabelMissing final : public KubernetesObjectRule {
 public:
  RequiredLabelMissing() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (!o.metadata) return;
    static const std::vector<std::string> kDefaultLabels{"owner"};
    static const std::vector<std::string> kNone;
    const auto* labels = sink.options().strings("labels");
    const auto* annotations = sink.options().strings("annotations");
    judge(o, o.labels(), labels ? *labels : kDefaultLabels, "label", sink);
    judge(o, o.annotations(), annotations ? *annotations : kNone, "annotation", sink);
  }

 private:
  static void judge(const k8s::Object& o, const yaml::Node* have,
                    const std::vector<std::string>& wanted, std::string_view what,
                    FindingSink& sink) {
    for (const std::string& key : wanted)
      if (!have || !have->is_mapping() || !have->get(key))
        sink.report(o.span(), fmt::format("{} has no `{}` {}, which the configuration requires",
                                          o.describe(), key, what));
  }
};

INFRALINT_REGISTER_RULE(RequiredLabelMissing);

}  // namespace
}  // namespace infralint
