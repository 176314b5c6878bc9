#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`ssl_stapling on;` where no `resolver` is in effect (in the same block or an enclosing one)
and no `ssl_stapling_file` supplies the response. Only complete configurations (with `http`)
are checked: a `conf.d/` snippet usually relies on a resolver set in `nginx.conf`.

## Why it matters
To staple, nginx must look up the OCSP responder's host name at run time. Without a
`resolver` it cannot, logs `no resolver defined to resolve ...` and silently serves
handshakes without a stapled response: clients fall back to querying the CA themselves
(slower, and a privacy leak), and `ssl_stapling_verify` protects nothing.

## Example
```nginx
server {
    listen 443 ssl;
    ssl_stapling on;
}
```

## Fixed
```nginx
server {
    listen 443 ssl;
    ssl_stapling on;
    resolver 127.0.0.53 valid=300s;
}
```

No automatic fix: the resolver to use (a local caching resolver, not a public one) depends
on the host.
)md";

const RuleMeta kMeta{
    .id = "nginx/ssl-stapling-without-resolver",
    .title = "OCSP stapling enabled without a resolver",
    .severity = Severity::warning,
    .categories = {Category::security, Category::reliability},
    .aliases = {"gixy:ssl_stapling_without_resolver"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class SslStaplingWithoutResolver final : public NginxRule {
 public:
  SslStaplingWithoutResolver() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    if (context != nginx::Context::main) return;
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("ssl_stapling") || d.args.empty() || d.args[0].value != "on")
        return;
      std::vector<const nginx::Directive*> levels(v.parents.begin(), v.parents.end());
      levels.push_back(nullptr);
      for (const nginx::Directive* level : levels)
        for (const nginx::Directive* c : nginx::children_of(config, level)) {
          if (c->is("resolver") || c->is("ssl_stapling_file")) return;
          if (c->is("include") && c->included.empty()) return;  // unreadable: unknown
        }
      // Stapling set in `http`: fine when every TLS server below sets its own resolver (or
      // turns stapling off).
      if (!v.parents.empty() && v.parents.back()->is("http")) {
        bool uncovered = false;
        for (const nginx::Directive* server : nginx::children_of(config, v.parents.back())) {
          if (!server->is("server") || !nginx::tls_listen(config, server)) continue;
          bool covered = false;
          for (const nginx::Directive* c : nginx::children_of(config, server))
            if (c->is("resolver") || c->is("ssl_stapling_file") ||
                (c->is("ssl_stapling") && !c->args.empty() && c->args[0].value == "off"))
              covered = true;
          if (!covered) uncovered = true;
        }
        if (!uncovered) return;
      }
      sink.report(d.span(),
                  "ssl_stapling is on but no resolver is defined: nginx cannot look up the "
                  "OCSP responder and staples nothing; add `resolver <local DNS address>;`");
    });
  }
};

INFRALINT_REGISTER_RULE(SslStaplingWithoutResolver);

}  // namespace
}  // namespace infralint
