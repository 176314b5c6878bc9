#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Job or CronJob whose pod template has no `restartPolicy` or `restartPolicy: Always`.

## Why it matters
A Job's pods must end: the API server accepts only `OnFailure` or `Never` and rejects the
manifest otherwise (`spec.template.spec.restartPolicy: Unsupported value: "Always"`) — and
`Always` is the default when nothing is written.

## Example
```yaml
kind: Job
spec:
  template:
    spec:
      containers: [...]
```

## Fixed
```yaml
kind: Job
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [...]
```

No automatic fix: `Never` (a new pod per retry, failed pods kept for inspection) and
`OnFailure` (the container restarts in place) behave differently.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/job-restart-policy-invalid",
    .title = "Job pod template without a valid restartPolicy",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"kube-score:cronjob-restartpolicy"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class JobRestartPolicyInvalid final : public KubernetesObjectRule {
 public:
  JobRestartPolicyInvalid() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    if ((o.kind != "Job" && o.kind != "CronJob") || !o.pod_spec) return;
    const yaml::Node* policy = o.pod_spec->get("restartPolicy");
    auto value = scalar_text(policy);
    if (value == "OnFailure" || value == "Never") return;
    if (policy)
      sink.report(policy->span, fmt::format("{} sets `restartPolicy: {}`; a Job's pods must use "
                                            "`OnFailure` or `Never`, or the API server rejects it",
                                            o.describe(), value.value_or("")));
    else
      sink.report(o.span(), fmt::format("{} sets no `restartPolicy` in its pod template: the "
                                        "default `Always` is rejected for Jobs; set `Never` or "
                                        "`OnFailure`",
                                        o.describe()));
  }
};

INFRALINT_REGISTER_RULE(JobRestartPolicyInvalid);

}  // namespace
}  // namespace infralint
