#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container whose `livenessProbe` and `readinessProbe` are written identically.

## Why it matters
The two probes answer different questions: readiness "should traffic go here now?", liveness
"is the process beyond saving?". When they are the same check, a pod that is merely busy or
waiting for a dependency fails liveness at the same moment it leaves the load balancer and is
killed — turning a slow dependency into a restart storm across every replica.

## Example
```yaml
readinessProbe:
  httpGet: {path: /health, port: 8080}
livenessProbe:
  httpGet: {path: /health, port: 8080}
```

## Fixed
```yaml
readinessProbe:
  httpGet: {path: /ready, port: 8080}
livenessProbe:
  httpGet: {path: /live, port: 8080}
  failureThreshold: 6
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/identical-probes",
    .title = "Liveness and readiness probes are identical",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .aliases = {"kube-score:pod-probes-identical"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

// The probe's text without its indentation, so that the same probe written at different
// depths compares equal.
std::string normalized(std::string_view text, const yaml::Node& probe) {
  std::string_view written = text.substr(probe.span.begin, probe.span.end - probe.span.begin);
  std::string out;
  bool line_start = true;
  for (char ch : written) {
    if (ch == '\n')
      line_start = true;
    else if (line_start && ch == ' ')
      continue;
    else
      line_start = false;
    out.push_back(ch);
  }
  return out;
}

class IdenticalProbes final : public KubernetesObjectRule {
 public:
  IdenticalProbes() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      const yaml::Node* liveness = c.node->get("livenessProbe");
      const yaml::Node* readiness = c.node->get("readinessProbe");
      if (!liveness || !readiness || !liveness->is_mapping() || !readiness->is_mapping()) continue;
      if (normalized(doc.text(), *liveness) != normalized(doc.text(), *readiness)) continue;
      Finding& f = sink.report(liveness->span,
                               fmt::format("container `{}` of {} uses the same check for liveness "
                                           "and readiness: a busy pod is killed instead of just "
                                           "taken out of rotation",
                                           c.name, o.describe()));
      f.related.push_back({readiness->span, "the identical readiness probe"});
    }
  }
};

INFRALINT_REGISTER_RULE(IdenticalProbes);

}  // namespace
}  // namespace infralint
