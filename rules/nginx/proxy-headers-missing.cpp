#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A location that `proxy_pass`es to the same upstream as another location of the server, but
does not send the client-identity headers that one sends (`Host`, `X-Real-IP`,
`X-Forwarded-For`, `X-Forwarded-Proto`) — neither itself nor by inheritance.

## Why it matters
The backend then sees `Host: backend` instead of the public host, and nginx's address instead
of the client's: per-client rate limits and lockouts (typically on the auth endpoints, where
this happens most) apply to everyone at once, audit logs lose the client, and redirects built
from `Host` point at the internal name. A comment like `# ... same proxy settings` is not a
directive.

## Example
```nginx
location /api/ {
    proxy_pass http://backend;
    proxy_set_header Host $host;
    proxy_set_header X-Real-IP $remote_addr;
}
location /api/auth/ {
    proxy_pass http://backend;
}
```

## Fixed
```nginx
location /api/auth/ {
    proxy_pass http://backend;
    proxy_set_header Host $host;
    proxy_set_header X-Real-IP $remote_addr;
}
```

Unsafe fix (when the location inherits no `proxy_set_header`): the missing headers are copied
from the other location, after `proxy_pass`. Moving the shared headers to the server level is
the better refactoring.
)md";

const RuleMeta kMeta{
    .id = "nginx/proxy-headers-missing",
    .title = "Location proxies without the headers its siblings send",
    .severity = Severity::warning,
    .categories = {Category::security, Category::correctness},
    .compliance = {"CIS-NGINX-2.1:3.7"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

const std::set<std::string> kIdentity{
    "host", "x-real-ip", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "forwarded"};

struct Proxying {
  const nginx::Directive* location;
  const nginx::Directive* pass;
  std::vector<const nginx::Directive*> headers;  // in effect
  bool own_headers;
  std::vector<const nginx::Directive*> parents;
};

class ProxyHeadersMissing final : public NginxRule {
 public:
  ProxyHeadersMissing() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    std::vector<Proxying> all;
    nginx::NamedIndex index(config);
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!d.is("proxy_pass") || d.args.empty() || v.context != nginx::Context::location ||
          v.parents.empty())
        return;
      const nginx::Directive* loc = v.parents.back();
      std::vector<const nginx::Directive*> above(v.parents.begin(), v.parents.end() - 1);
      bool has_own = !index.named(loc, "proxy_set_header").empty();
      all.push_back({loc, &d, nginx::effective(config, above, loc, "proxy_set_header", &index),
                     has_own, above});
    });
    // Per destination, the location sending the most identity headers is the model the
    // others are compared with (linear, whatever the number of locations).
    auto identity = [](const Proxying& p) {
      std::vector<const nginx::Directive*> out;
      for (const auto* h : p.headers)
        if (kIdentity.count(nginx::header_key(*h))) out.push_back(h);
      return out;
    };
    std::map<std::string, const Proxying*> model_of;
    for (const Proxying& p : all) {
      const Proxying*& m = model_of[p.pass->args[0].value];
      if (!m || identity(p).size() > identity(*m).size()) m = &p;
    }
    for (const Proxying& p : all) {
      if (p.pass->file) continue;
      const Proxying* model = model_of[p.pass->args[0].value];
      if (model == &p) continue;
      std::set<std::string> sent;
      for (const auto* h : p.headers) sent.insert(nginx::header_key(*h));
      std::vector<const nginx::Directive*> missing;
      for (const auto* h : identity(*model))
        if (!sent.count(nginx::header_key(*h))) missing.push_back(h);
      if (missing.empty()) continue;
      std::vector<std::string> names;
      for (const auto* h : missing) names.push_back(h->args[0].value);
      Finding& f = sink.report(
          p.pass->span(),
          fmt::format("this location proxies to `{}` without {}, which another location "
                      "proxying there sends: the backend sees nginx's defaults (Host: the "
                      "upstream name, no client address)",
                      p.pass->args[0].value, fmt::join(names, ", ")));
      if (!model->location->file)
        f.related.push_back(
            {model->location->name_span, "this location sends them to the same upstream"});
      if (p.own_headers || !p.headers.empty()) continue;
      // Insert after the proxy_pass line, at its indentation.
      std::string indent(nginx::indentation_at(doc.text(), p.pass->name_span.begin));
      std::string text;
      for (const auto* h : missing) {
        Span s = h->span();
        text += "\n" + indent + std::string(nginx::source_text(doc, *h).substr(s.begin, s.size()));
      }
      f.fix = Fix{"Send the same proxy headers",
                  {{Span{p.pass->span().end, p.pass->span().end}, text}},
                  Applicability::unsafe};
    }
  }
};

INFRALINT_REGISTER_RULE(ProxyHeadersMissing);

}  // namespace
}  // namespace infralint
