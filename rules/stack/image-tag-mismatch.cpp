#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Kubernetes container whose image is the same repository as a compose service's `image`, with
a different tag or digest (`registry.example.com/api:1.4.2` in the Deployment,
`registry.example.com/api:1.5.0` in compose). A missing tag counts as `latest`; Docker Hub's
`docker.io/` and `library/` prefixes are ignored; images with variables or templates are not
judged.

## Why it matters
What is tested locally with compose is not what the cluster runs: a drift that shows up as a
bug "that cannot be reproduced", or a fix that never reached production.

## Example
```yaml
# docker-compose.yml
image: registry.example.com/api:1.5.0
# k8s/deployment.yaml
image: registry.example.com/api:1.4.2
```

## Fixed
The same tag in both (or, better, both pinned to the same digest).

No automatic fix: which version is meant is a decision.
)md";

const RuleMeta kMeta{
    .id = "stack/image-tag-mismatch",
    .title = "The same image runs at different tags in compose and Kubernetes",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class ImageTagMismatch final : public StackRule {
 public:
  ImageTagMismatch() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::same_image || e.problem != stack::Problem::tag_mismatch)
        continue;
      Finding& f = sink.report(e.from, fmt::format("{} runs `{}`, but {} ({}) runs `{}`",
                                                   e.from.label, e.name, e.to->label,
                                                   stack.place(*e.to), e.expected));
      sink.relate(f, *e.to, fmt::format("`{}` here", e.expected));
    }
  }
};

INFRALINT_REGISTER_RULE(ImageTagMismatch);

}  // namespace
}  // namespace infralint
