#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An nginx `upstream` server, or a `proxy_pass`, `grpc_pass`, `fastcgi_pass`, `uwsgi_pass` or
`scgi_pass`, to a host name that no compose service and no Kubernetes Service of the stack
defines (Kubernetes names may be written `name`, `name.namespace`, `name.namespace.svc` or
`name.namespace.svc.cluster.local`). A close spelling is suggested.

Only names the stack alone can resolve are judged: IP addresses, `localhost` and domain names
of the outside world are left alone, and nothing is reported when the files linted together
(the same repository) hold no compose service and no Service at all. Names of services that
live elsewhere are listed in the `external-services` option or setting.

## Why it matters
nginx resolves upstream names when it starts: `host not found in upstream "backnd"` stops it
from starting at all (or, with a resolver, every request gets a 502). The typo sits between two
files, where no single-file check sees it.

## Example
```nginx
upstream api {
    server backnd:3001;   # compose defines `backend`
}
```

## Fixed
```nginx
upstream api {
    server backend:3001;
}
```

No automatic fix: the right name is a decision (the suggestion may be wrong).
)md";

const RuleMeta kMeta{
    .id = "stack/upstream-unknown-host",
    .title = "nginx proxies to a host no service of the stack defines",
    .severity = Severity::error,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
    .options = {kExternalServicesOption},
};

class UpstreamUnknownHost final : public StackRule {
 public:
  UpstreamUnknownHost() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::proxy || e.problem != stack::Problem::unknown_host) continue;
      if (sink.external(e.from.doc, e.name)) continue;
      std::string hint = sink.suggestion_hint(
          e, "; define it, or list it under `external-services` if it lives elsewhere");
      Finding& f = sink.report(
          e.from, fmt::format("{} `{}` names no compose service or Kubernetes Service of this "
                              "stack{}",
                              e.directive, e.name, hint));
      sink.relate_suggestion(f, e, fmt::format("`{}` is defined here", e.suggestion));
    }
  }
};

INFRALINT_REGISTER_RULE(UpstreamUnknownHost);

}  // namespace
}  // namespace infralint
