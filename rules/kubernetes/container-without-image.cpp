#include <fmt/format.h>

#include "engine/container_rule.hpp"
#include "engine/rule.hpp"
#include "model/entities.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container of a Deployment, StatefulSet, DaemonSet or ReplicaSet that names no image (or an
empty one), in an object that has its `selector`, so it is a manifest of its own.

## Why it matters
The API server refuses the whole object (`spec.template.spec.containers[0].image: Required
value`): nothing of it is deployed. Every other rule judges what is there, so without this one
the object would look fine.

A kustomize patch leaves the image (and the selector) to its base: an object without a
selector whose container has no image is taken as a patch, and neither this rule nor the rules
about missing settings report on it.

## Example
```yaml
kind: Deployment
spec:
  selector:
    matchLabels: {app: api}
  template:
    spec:
      containers:
      - name: api
```

## Fixed
```yaml
      containers:
      - name: api
        image: registry.example.com/api:1.4.2
```

No automatic fix: only the author knows the image.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/container-without-image",
    .title = "Container names no image",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class ContainerWithoutImage final : public Rule {
 public:
  ContainerWithoutImage() : Rule(kMeta) {}

  void check(const Document& doc, FindingSink& sink) const override {
    const Model* model = doc.model<Model>();
    if (!model) return;
    for (const Workload& w : model->workloads) {
      if (w.patch) continue;  // a kustomize patch: the base names the image
      for (std::size_t i : w.containers) {
        const Container& c = model->containers[i];
        if (c.source != ContainerSource::kubernetes_container) continue;
        if (c.image.present() && !c.image.value->empty()) continue;
        sink.report(c.image.present() ? c.image.span : c.span,
                    fmt::format("{} names {}: the API server refuses {} (`image` is required)",
                                describe(c), c.image.present() ? "an empty image" : "no image",
                                c.workload));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(ContainerWithoutImage);

}  // namespace
}  // namespace infralint
