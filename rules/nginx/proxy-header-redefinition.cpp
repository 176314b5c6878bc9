#include <fmt/format.h>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A block with its own `proxy_set_header` below a level that also sets some. Like `add_header`,
`proxy_set_header` is inherited only by blocks that set none: one `proxy_set_header Upgrade`
in a WebSocket location drops the `Host` and `X-Forwarded-*` headers set at server level.

## Why it matters
The backend then receives `Host: <upstream name>` and no client address for that location:
virtual hosting, redirects, rate limits and audit logs silently break for that path only.

## Example
```nginx
server {
    proxy_set_header Host $host;
    location /ws/ {
        proxy_set_header Upgrade $http_upgrade;
        proxy_pass http://app;
    }
}
```

## Fixed
```nginx
server {
    proxy_set_header Host $host;
    location /ws/ {
        proxy_set_header Host $host;
        proxy_set_header Upgrade $http_upgrade;
        proxy_pass http://app;
    }
}
```

Unsafe fix: the lost headers are repeated in the block, before its first `proxy_set_header`.
)md";

const RuleMeta kMeta{
    .id = "nginx/proxy-header-redefinition",
    .title = "proxy_set_header in a nested block drops the inherited ones",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::security},
    .aliases = {"gixy:proxy_set_header_redefinition"},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class ProxyHeaderRedefinition final : public NginxRule {
 public:
  ProxyHeaderRedefinition() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    for (const nginx::Redefinition& r : nginx::redefinitions(config, context, "proxy_set_header")) {
      std::vector<std::string> names;
      for (const nginx::Directive* d : r.lost) names.push_back(d->args[0].value);
      const nginx::Directive& first = *r.own.front();
      Finding& f = sink.report(
          first.span(),
          fmt::format("this proxy_set_header drops {} set above it ({}): nginx inherits "
                      "proxy_set_header only into blocks that set none",
                      fmt::join(names, ", "),
                      r.parent ? fmt::format("in `{}`", r.parent->name) : "at top level"));
      for (const nginx::Directive* d : r.lost)
        if (!d->file) f.related.push_back({d->span(), "not sent to the backend from this block"});
      f.fix = Fix{"Repeat the inherited proxy headers in this block",
                  {{Span{first.name_span.begin, first.name_span.begin},
                    nginx::repeat_before(doc, first, r.lost)}},
                  Applicability::unsafe};
    }
  }
};

INFRALINT_REGISTER_RULE(ProxyHeaderRedefinition);

}  // namespace
}  // namespace infralint
