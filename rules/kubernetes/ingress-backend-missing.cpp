#include <fmt/format.h>
#include <fmt/ranges.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An Ingress backend (`defaultBackend` or a rule's path) naming a Service that the linted files
do not define, or a port (number or name) that Service does not have. The Service may be in
another file of the run (the same repository); a close spelling is suggested. Judged only when
the linted files define Services in the Ingress' namespace.

## Why it matters
The ingress controller answers 503 for every request routed there; a renamed Service or port
is the usual cause and nothing fails at apply time.

## Example
```yaml
backend:
  service:
    name: backend
    port:
      number: 80
```
while the Service is called `backend-service`.

## Fixed
```yaml
backend:
  service:
    name: backend-service
    port:
      number: 80
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/ingress-backend-missing",
    .title = "Ingress routes to a missing Service or port",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"kube-linter:dangling-ingress", "kube-score:ingress-targets-service"},
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

// The Ingress → Service links live in the stack (src/model/stack/kubernetes_links.cpp), so an
// Ingress and its Service in two files of one run are linked, not flagged.
class IngressBackendMissing final : public StackRule {
 public:
  IngressBackendMissing() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::routes) continue;
      if (e.problem == stack::Problem::undefined) {
        Finding& f = sink.report(
            e.from, fmt::format("{} routes to Service `{}`, which the linted files do not "
                                "define; the controller will answer 503{}",
                                e.subject, e.name, sink.suggestion_hint(e, "")));
        sink.relate_suggestion(f, e, fmt::format("Service `{}` is defined here", e.suggestion));
      } else if (e.problem == stack::Problem::port_closed) {
        Finding& f = sink.report(
            e.from, fmt::format("{} routes to port {} of Service `{}`, which has no such port "
                                "(it has {})",
                                e.subject, e.port, e.name, fmt::join(e.target_ports, ", ")));
        sink.relate(f, ports_of(stack, *e.to), fmt::format("the ports of Service `{}`", e.name));
      }
    }
  }

 private:
  // The Service's `ports` list, else its name.
  static stack::End ports_of(const stack::Stack& stack, const stack::End& service) {
    stack::End out = service;
    for (const stack::KubeService& svc : stack.documents[service.doc].facts.kube_services)
      if (svc.name_span == service.span && svc.ports_span.end > svc.ports_span.begin)
        out.span = svc.ports_span;
    return out;
  }
};

INFRALINT_REGISTER_RULE(IngressBackendMissing);

}  // namespace
}  // namespace infralint
