#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_edits.hpp"
#include "model/kustomize_patch.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A CronJob without `spec.concurrencyPolicy`, or with `concurrencyPolicy: Allow`.

## Why it matters
With the default `Allow`, a run that takes longer than the schedule's interval overlaps the
next one: two backups write the same file, two migrations race, and a slow dependency makes
the runs pile up until the node is full. `Forbid` skips a run while the previous one is still
going; `Replace` stops the old one.

## Example
```yaml
kind: CronJob
spec:
  schedule: "0 * * * *"
```

## Fixed
```yaml
kind: CronJob
spec:
  schedule: "0 * * * *"
  concurrencyPolicy: Forbid
```

The fix is unsafe: it adds `concurrencyPolicy: Forbid` when the policy is not written (an
explicit `Allow` is left alone as a decision), so a run is skipped while the previous one is
still going.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/cronjob-concurrency-allowed",
    .title = "CronJob runs may overlap",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class CronJobConcurrencyAllowed final : public KubernetesObjectRule {
 public:
  CronJobConcurrencyAllowed() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    const yaml::Node* spec = o.spec();
    if (o.kind != "CronJob" || !spec || !spec->is_mapping()) return;
    const yaml::Node* policy = spec->get("concurrencyPolicy");
    if (policy) {
      if (scalar_text(policy) == "Allow")
        sink.report(policy->span, fmt::format("{} allows overlapping runs; use `Forbid` or "
                                              "`Replace` unless runs are independent",
                                              o.describe()));
      return;
    }
    if (is_kustomize_patch(doc, o)) return;  // the base may set it
    const yaml::Node* schedule = spec->get("schedule");
    Finding& f = sink.report(schedule ? schedule->span : o.span(),
                             fmt::format("{} sets no `concurrencyPolicy`, so a slow run overlaps "
                                         "the next one; set `concurrencyPolicy: Forbid`",
                                         o.describe()));
    if (auto edit = k8s::set_in(doc, *spec, {"concurrencyPolicy"}, "Forbid"))
      f.fix = Fix{"Forbid overlapping runs", {*edit}, Applicability::unsafe};
  }
};

INFRALINT_REGISTER_RULE(CronJobConcurrencyAllowed);

}  // namespace
}  // namespace infralint
