#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container whose `resources.requests` and `resources.limits` both set a resource to different
quantities, for each resource of the option `resources` (default `[cpu, memory]`; add
`ephemeral-storage` to check it too). Quantities are compared by value: `1` equals `1000m`,
`1Gi` equals `1024Mi`. Opt-in: Burstable pods are a deliberate, common choice.

A request without a limit is left to `container/no-cpu-limits` and
`container/no-memory-limit`; a limit without a request is fine (the request defaults to it).

## Why it matters
Only pods whose requests equal their limits for CPU and memory get the Guaranteed QoS class:
they are the last to be evicted under node pressure, and can get exclusive CPUs. With memory
limits above requests the scheduler places more memory than the node has, and the pod is
OOM-killed or evicted when its neighbours use theirs.

## Example
```yaml
resources:
  requests:
    cpu: 100m
    memory: 128Mi
  limits:
    cpu: 500m
    memory: 512Mi
```

## Fixed
```yaml
resources:
  requests:
    cpu: 500m
    memory: 512Mi
  limits:
    cpu: 500m
    memory: 512Mi
```

No automatic fix: whether to raise the request or lower the limit needs measurements.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/requests-differ-from-limits",
    .title = "Resource requests differ from limits",
    .severity = Severity::info,
    .categories = {Category::reliability, Category::cost},
    .aliases = {"kube-score:container-resource-requests-equal-limits",
                "kube-score:container-cpu-requests-equal-limits",
                "kube-score:container-memory-requests-equal-limits",
                "kube-score:container-ephemeral-storage-request-equals-limit"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .options = {{"resources", OptionType::strings,
                 "The resources whose request must equal the limit (default [cpu, memory])."}},
    .opt_in = true,
};

// A Kubernetes quantity ("500m", "1.5", "128Mi", "1G", "1e3") in base units; nullopt when
// unreadable.
std::optional<long double> quantity(std::string_view text) {
  static constexpr std::pair<std::string_view, long double> kSuffixes[] = {
      {"Ki", 1024.0L},
      {"Mi", 1048576.0L},
      {"Gi", 1073741824.0L},
      {"Ti", 1099511627776.0L},
      {"Pi", 1125899906842624.0L},
      {"Ei", 1152921504606846976.0L},
      {"n", 1e-9L},
      {"u", 1e-6L},
      {"m", 1e-3L},
      {"k", 1e3L},
      {"M", 1e6L},
      {"G", 1e9L},
      {"T", 1e12L},
      {"P", 1e15L},
      {"E", 1e18L}};
  if (text.empty()) return std::nullopt;
  long double factor = 1;
  std::string_view number = text;
  for (const auto& [suffix, f] : kSuffixes)
    if (text.size() > suffix.size() && text.ends_with(suffix)) {
      number = text.substr(0, text.size() - suffix.size());
      factor = f;
      break;
    }
  std::string n(number);
  char* end = nullptr;
  long double v = std::strtold(n.c_str(), &end);
  if (end != n.c_str() + n.size() || !std::isfinite(v)) return std::nullopt;
  return v * factor;
}

class RequestsDifferFromLimits final : public KubernetesObjectRule {
 public:
  RequestsDifferFromLimits() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    static const std::vector<std::string> kDefault{"cpu", "memory"};
    const auto* chosen = sink.options().strings("resources");
    const std::vector<std::string>& resources = chosen ? *chosen : kDefault;
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      if (c.list == "ephemeralContainers") continue;
      for (const std::string& r : resources) {
        const yaml::Node* request = at_path(c.node, {"resources", "requests", r});
        const yaml::Node* limit = at_path(c.node, {"resources", "limits", r});
        auto rt = scalar_text(request), lt = scalar_text(limit);
        if (!rt || !lt) continue;
        auto rq = quantity(*rt), lq = quantity(*lt);
        if (!rq || !lq ||
            std::fabs(static_cast<double>(*rq - *lq)) <= 1e-9 * std::fabs(static_cast<double>(*lq)))
          continue;
        Finding& f = sink.report(
            request->span,
            fmt::format("container `{}` of {} requests {} {} but may use up to {}: the pod is not "
                        "Guaranteed and is evicted first under node pressure; set the request "
                        "equal to the limit",
                        c.name, o.describe(), *rt, r, *lt));
        f.related.push_back({limit->span, fmt::format("the {} limit", r), {}});
      }
    }
  }
};

INFRALINT_REGISTER_RULE(RequestsDifferFromLimits);

}  // namespace
}  // namespace infralint
