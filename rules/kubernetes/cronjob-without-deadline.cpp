#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/kustomize_patch.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A CronJob without `spec.startingDeadlineSeconds`.

## Why it matters
Without a deadline the CronJob controller counts every schedule missed since the last run
(controller down, cluster upgraded, CronJob suspended). After more than 100 misses it stops
scheduling the CronJob altogether ("Cannot determine if job needs to be started. Too many
missed start time"), and shorter outages start one catch-up Job late. A deadline bounds how
late a run may start and how far back the controller looks.

## Example
```yaml
kind: CronJob
spec:
  schedule: "*/5 * * * *"
```

## Fixed
```yaml
kind: CronJob
spec:
  schedule: "*/5 * * * *"
  startingDeadlineSeconds: 200
```

No automatic fix: the deadline depends on how late a run is still useful.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/cronjob-without-deadline",
    .title = "CronJob without startingDeadlineSeconds",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"kube-score:cronjob-has-deadline"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class CronJobWithoutDeadline final : public KubernetesObjectRule {
 public:
  CronJobWithoutDeadline() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (o.kind != "CronJob" || at_path(o.node, {"spec", "startingDeadlineSeconds"})) return;
    if (is_kustomize_patch(doc, o)) return;  // the base may set it
    const yaml::Node* schedule = at_path(o.node, {"spec", "schedule"});
    sink.report(schedule ? schedule->span : o.span(),
                fmt::format("{} sets no `startingDeadlineSeconds`: after 100 missed schedules "
                            "the controller stops starting it",
                            o.describe()));
  }
};

INFRALINT_REGISTER_RULE(CronJobWithoutDeadline);

}  // namespace
}  // namespace infralint
