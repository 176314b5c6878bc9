#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A PodDisruptionBudget whose `spec` sets neither `minAvailable` nor `maxUnavailable`, or sets
both.

## Why it matters
With both, the API server rejects the object (`minAvailable and maxUnavailable cannot be both
set`), failing the whole apply. With neither, the budget exists but protects nothing: every
selected pod may be evicted at once during a node drain, which is exactly what the budget was
written to prevent.

## Example
```yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
spec:
  minAvailable: 1
  maxUnavailable: 1
  selector:
    matchLabels: {app: api}
```

## Fixed
```yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: api}
```

No automatic fix: which of the two the budget means is the author's decision.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/pdb-without-policy",
    .title = "PodDisruptionBudget without exactly one of minAvailable and maxUnavailable",
    .severity = Severity::error,
    .categories = {Category::reliability, Category::correctness},
    .aliases = {"kube-score:poddisruptionbudget-has-policy"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class PdbWithoutPolicy final : public KubernetesObjectRule {
 public:
  PdbWithoutPolicy() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (o.kind != "PodDisruptionBudget" || !o.api_version.starts_with("policy/")) return;
    const yaml::Node* spec = o.spec();
    if (spec && !spec->is_mapping()) return;
    const yaml::Pair* min = spec ? spec->pair("minAvailable") : nullptr;
    const yaml::Pair* max = spec ? spec->pair("maxUnavailable") : nullptr;
    if (min && max) {
      Finding& f = sink.report(max->key->span,
                               fmt::format("{} sets both `minAvailable` and `maxUnavailable`: the "
                                           "API server rejects it; keep one of them",
                                           o.describe()));
      f.related.push_back({min->key->span, "`minAvailable` is set here", {}});
    } else if (!min && !max) {
      sink.report(o.span(), fmt::format("{} sets neither `minAvailable` nor `maxUnavailable`, so "
                                        "it protects no pod from eviction; set one of them",
                                        o.describe()));
    }
  }
};

INFRALINT_REGISTER_RULE(PdbWithoutPolicy);

}  // namespace
}  // namespace infralint
