#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
- A standalone Job without `spec.ttlSecondsAfterFinished`.
- A CronJob whose `jobTemplate` sets `ttlSecondsAfterFinished`: the CronJob controller already
  keeps `successfulJobsHistoryLimit`/`failedJobsHistoryLimit` Jobs, and a TTL deletes them
  under its feet (the history limits then mean nothing).

## Why it matters
Finished Jobs and their pods stay in the cluster forever unless something deletes them: they
pile up in `kubectl get pods`, hold their logs' node disk space and count against quotas. The
TTL controller deletes them a while after they finish.

## Example
```yaml
apiVersion: batch/v1
kind: Job
spec:
  template:
    spec:
      restartPolicy: Never
```

## Fixed
```yaml
apiVersion: batch/v1
kind: Job
spec:
  ttlSecondsAfterFinished: 86400
  template:
    spec:
      restartPolicy: Never
```

No automatic fix: how long results and logs must be kept is the team's decision.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/job-ttl-seconds-after-finished",
    .title = "Job without ttlSecondsAfterFinished",
    .severity = Severity::info,
    .categories = {Category::reliability, Category::cost},
    .aliases = {"kube-linter:job-ttl-seconds-after-finished"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class JobTtlSecondsAfterFinished final : public KubernetesObjectRule {
 public:
  JobTtlSecondsAfterFinished() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if (o.kind == "Job" && !at_path(o.node, {"spec", "ttlSecondsAfterFinished"})) {
      sink.report(o.span(), fmt::format("{} sets no `spec.ttlSecondsAfterFinished`, so the "
                                        "finished Job and its pods are never cleaned up",
                                        o.describe()));
    } else if (o.kind == "CronJob") {
      const yaml::Node* ttl =
          at_path(o.node, {"spec", "jobTemplate", "spec", "ttlSecondsAfterFinished"});
      if (ttl)
        sink.report(ttl->span, fmt::format("{} sets `ttlSecondsAfterFinished` in its jobTemplate: "
                                           "the TTL deletes Jobs the history limits should keep; "
                                           "use `successfulJobsHistoryLimit` and "
                                           "`failedJobsHistoryLimit` instead",
                                           o.describe()));
    }
  }
};

INFRALINT_REGISTER_RULE(JobTtlSecondsAfterFinished);

}  // namespace
}  // namespace infralint
