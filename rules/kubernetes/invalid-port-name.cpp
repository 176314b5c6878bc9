#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/kubernetes_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container port `name`, or a Service `targetPort` given by name, that is not a valid port
name (IANA service name: at most 15 characters, lower-case letters, digits and `-`, at least
one letter, no leading, trailing or doubled `-`); a container port or Service `targetPort`
number outside 1–65535.

## Why it matters
The API server rejects the object (`must be no more than 15 characters`, `must contain at
least one letter`), so the deployment fails at apply time — typically on a name like
`metrics-endpoint-http` that looked fine in review.

## Example
```yaml
ports:
  - name: prometheus-metrics
    containerPort: 9090
```

## Fixed
```yaml
ports:
  - name: metrics
    containerPort: 9090
```

No automatic fix: Services and probes refer to the name.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/invalid-port-name",
    .title = "Invalid port name or number",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"kube-linter:invalid-target-ports"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

// Why `name` is not an IANA_SVC_NAME, or empty when it is one.
std::string_view name_problem(std::string_view name) {
  if (name.size() > 15) return "is longer than 15 characters";
  if (!std::all_of(name.begin(), name.end(), [](unsigned char ch) {
        return std::islower(ch) || std::isdigit(ch) || ch == '-';
      }))
    return "may hold only lower-case letters, digits and `-`";
  if (std::none_of(name.begin(), name.end(), [](unsigned char ch) { return std::islower(ch); }))
    return "must contain a letter";
  if (name.front() == '-' || name.back() == '-' || name.find("--") != std::string_view::npos)
    return "may not start or end with `-` or contain `--`";
  return {};
}

void judge(const yaml::Node* node, std::string_view what, const std::string& owner,
           FindingSink& sink) {
  auto value = scalar_text(node);
  // Templates (Helm, envsubst) are judged once rendered.
  if (!value || value->empty() || value->find("{{") != std::string::npos ||
      value->find("${") != std::string::npos)
    return;
  if (node->type == yaml::ScalarType::integer) {
    auto number = scalar_int(node);
    if (number && (*number < 1 || *number > 65535))
      sink.report(node->span, fmt::format("{} of {} is {}, outside 1–65535", what, owner, *value));
    return;
  }
  if (auto problem = name_problem(*value); !problem.empty())
    sink.report(node->span, fmt::format("{} `{}` of {} {}: the API server rejects it", what, *value,
                                        owner, problem));
}

class InvalidPortName final : public KubernetesObjectRule {
 public:
  InvalidPortName() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document&, const yaml::Stream&, const k8s::Object& o,
             FindingSink& sink) const override {
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      const yaml::Node* ports = c.node->get("ports");
      if (!ports || !ports->is_sequence()) continue;
      std::string owner = fmt::format("container `{}` of {}", c.name, o.describe());
      for (const yaml::Node* p : ports->items) {
        judge(at_path(p, {"name"}), "the port name", owner, sink);
        judge(at_path(p, {"containerPort"}), "the containerPort", owner, sink);
      }
    }
    if (o.kind != "Service") return;
    const yaml::Node* ports = at_path(o.node, {"spec", "ports"});
    if (!ports || !ports->is_sequence()) return;
    for (const yaml::Node* p : ports->items)
      judge(at_path(p, {"targetPort"}), "the targetPort", o.describe(), sink);
  }
};

INFRALINT_REGISTER_RULE(InvalidPortName);

}  // namespace
}  // namespace infralint
