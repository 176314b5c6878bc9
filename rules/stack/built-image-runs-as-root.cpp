#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A compose service built from a Dockerfile of the stack (`build`) whose final image sets no
`USER` (or `USER root`/`0`) while the service sets no `user:` either; and a Railway service
built from such a Dockerfile (`build.dockerfilePath`: Railway has no setting for the user).
Each file alone leaves the decision to the other; together, the process runs as root.

## Why it matters
A process running as root inside the container turns any remote code execution into root on
the container and one kernel bug or mounted socket away from root on the host.

## Example
```yaml
services:
  api:
    build: ./api        # api/Dockerfile has no USER
```

## Fixed
```dockerfile
RUN addgroup -S app && adduser -S -G app app
USER app
```
or `user: "10001:10001"` on the service.

No automatic fix here: `container/runs-as-root` fixes either file on its own.
)md";

const RuleMeta kMeta{
    .id = "stack/built-image-runs-as-root",
    .title = "A service built from a Dockerfile without USER runs as root",
    .severity = Severity::warning,
    .categories = {Category::security},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose, Kind::railway},
    .docs = kDocs,
};

class BuiltImageRunsAsRoot final : public StackRule {
 public:
  BuiltImageRunsAsRoot() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (!e.to || (e.kind != stack::EdgeKind::build && e.kind != stack::EdgeKind::railway_build))
        continue;
      const stack::DocumentFacts& image = stack.documents[e.to->doc].facts;
      if (image.image_user_set || image.kind != Kind::dockerfile ||
          image.image_span.end == image.image_span.begin)
        continue;
      std::string who;
      if (e.kind == stack::EdgeKind::build) {
        const stack::ComposeService* svc = service_at(stack, e);
        if (!svc || svc->user_set) continue;
        who = "sets no `user:` itself";
      } else {
        who = "Railway has no setting for the user";
      }
      stack::End final_stage{e.to->doc, image.image_span, stack.path(e.to->doc)};
      Finding& f = sink.report(
          e.from, fmt::format("{} is built from {}, whose final image does not switch to a "
                              "non-root USER, and {}: the process runs as root",
                              e.kind == stack::EdgeKind::build ? e.from.label
                                                               : stack.path(e.from.doc),
                              stack.path(e.to->doc), who));
      sink.relate(f, final_stage, "the final stage, running as root");
    }
  }

 private:
  static const stack::ComposeService* service_at(const stack::Stack& stack, const stack::Edge& e) {
    for (const stack::ComposeService& svc : stack.documents[e.from.doc].facts.compose_services)
      if (svc.builds && svc.build_span == e.from.span) return &svc;
    return nullptr;
  }
};

INFRALINT_REGISTER_RULE(BuiltImageRunsAsRoot);

}  // namespace
}  // namespace infralint
