#include <fmt/format.h>

#include <cctype>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `proxy_pass` (or `fastcgi_pass`, `uwsgi_pass`, `grpc_pass`) to a host name that changes
its addresses (AWS ELB, Heroku, Railway, Azure, Google Cloud Run, ...) given literally, so
nginx resolves it once at startup; and a destination built from a variable with no
`resolver` in effect.

## Why it matters
A literal host name is resolved when nginx starts and never again: when the load balancer's
addresses rotate, nginx keeps sending traffic to the old ones (timeouts, or someone else's
service). A variable destination needs `resolver`, or every request fails with `no resolver
defined to resolve ...`.

## Example
```nginx
location / {
    proxy_pass https://api-prod.up.railway.app;
}
```

## Fixed
```nginx
location / {
    resolver 127.0.0.53 valid=30s;
    set $api https://api-prod.up.railway.app;
    proxy_pass $api;
}
```

No automatic fix: the resolver address depends on the host. Upper-case placeholders
(`http://$BACKEND_HOST`) are taken for envsubst templates and not reported.
)md";

const RuleMeta kMeta{
    .id = "nginx/missing-resolver",
    .title = "Dynamic upstream host resolved only at startup",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .aliases = {"gixy:missing_resolver"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

bool dynamic_host(std::string_view host) {
  for (std::string_view suffix :
       {".elb.amazonaws.com", ".herokuapp.com", ".herokudns.com", ".railway.app", ".up.railway.app",
        ".railway.internal", ".azurewebsites.net", ".cloudapp.azure.com", ".run.app",
        ".onrender.com", ".fly.dev", ".vercel.app", ".netlify.app", ".cloudfront.net",
        ".appspot.com"})
    if (host.ends_with(suffix)) return true;
  return false;
}

// `$BACKEND_HOST` in a template that envsubst fills in before nginx starts (the official
// image's /etc/nginx/templates): not an nginx variable.
bool envsubst_placeholder(std::string_view host) {
  auto at = host.find('$');
  std::string_view name = host.substr(at + 1);
  if (!name.empty() && name.front() == '{') name.remove_prefix(1);
  bool upper = false;
  for (char c : name) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    if (std::isupper(static_cast<unsigned char>(c))) upper = true;
  }
  return upper;
}

class MissingResolver final : public NginxRule {
 public:
  MissingResolver() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::NamedIndex index(config);
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || d.args.empty() ||
          !(d.is("proxy_pass") || d.is("fastcgi_pass") || d.is("uwsgi_pass") || d.is("grpc_pass")))
        return;
      std::string_view url = d.args[0].value;
      auto scheme = url.find("://");
      std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
      std::string_view host = rest.substr(0, rest.find_first_of("/:"));
      if (host.find('$') == std::string_view::npos) {
        if (dynamic_host(host))
          sink.report(d.args[0].span,
                      fmt::format("`{}` is resolved once, when nginx starts: its addresses change "
                                  "and nginx will keep using the old ones; use a variable with a "
                                  "`resolver`",
                                  host));
        return;
      }
      // A whole-variable destination may name an upstream{} block: only a host inside the URL
      // (http://$host_var) certainly needs DNS at request time.
      if (scheme == std::string_view::npos || envsubst_placeholder(host)) return;
      std::vector<const nginx::Directive*> above(
          v.parents.begin(), v.parents.empty() ? v.parents.end() : v.parents.end() - 1);
      const nginx::Directive* block = v.parents.empty() ? nullptr : v.parents.back();
      if (!nginx::effective(config, above, block, "resolver", &index).empty()) return;
      sink.report(d.args[0].span,
                  "the destination host is a variable and no `resolver` is set: requests fail "
                  "with \"no resolver defined\" unless it names an upstream block");
    });
  }
};

INFRALINT_REGISTER_RULE(MissingResolver);

}  // namespace
}  // namespace infralint
