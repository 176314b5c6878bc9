#include <fmt/format.h>

#include <map>
#include <string>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A server answering plain HTTP for a name that the same configuration also serves over
HTTPS, without redirecting to it: no `return 301 https://...` (or 302, 307, 308, or a
`rewrite ... https://...`) anywhere in that server.

It covers a plain-HTTP server next to a TLS server with the same `server_name`, and one
server that listens both with and without `ssl`. Names served over HTTP only are not
reported: whether they should have TLS is not something the file tells.

## Why it matters
Users who type the name, follow an old `http://` link or land before HSTS is cached get the
site over plain HTTP: credentials and cookies without `Secure` travel in clear text, and an
attacker on the path can rewrite the page (CIS NGINX 4.1.1).

## Example
```nginx
server {
    listen 80;
    server_name example.com;
    root /srv/www;
}
server {
    listen 443 ssl;
    server_name example.com;
    root /srv/www;
}
```

## Fixed
```nginx
server {
    listen 80;
    server_name example.com;
    return 301 https://$host$request_uri;
}
server {
    listen 443 ssl;
    server_name example.com;
    root /srv/www;
}
```

No automatic fix: the plain server may carry locations that must stay on HTTP (ACME
challenges under `/.well-known/acme-challenge/`).
)md";

const RuleMeta kMeta{
    .id = "nginx/http-not-redirected-to-https",
    .title = "Plain HTTP not redirected to HTTPS",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-NGINX-2.1:4.1.1"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

bool is_tls_listen(const nginx::Directive& listen) {
  for (const nginx::Arg& a : listen.args)
    if (a.value == "ssl" || a.value == "quic") return true;
  return false;
}

// A `return` or `rewrite` to an https:// URL anywhere in the block.
bool redirects_to_https(const nginx::Config& config, const nginx::Directive* block) {
  for (const nginx::Directive* c : nginx::children_of(config, block)) {
    if (c->is("return") || c->is("rewrite"))
      for (const nginx::Arg& a : c->args)
        if (a.value.starts_with("https://")) return true;
    if (c->block && redirects_to_https(config, c)) return true;
  }
  return false;
}

class HttpNotRedirectedToHttps final : public NginxRule {
 public:
  HttpNotRedirectedToHttps() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    std::vector<const nginx::Directive*> servers;
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      if (v.directive.is("server") && v.directive.block && v.context == nginx::Context::http)
        servers.push_back(&v.directive);
    });
    // Names served over TLS, with the server_name that says so.
    std::map<std::string, const nginx::Directive*> tls_names;
    for (const nginx::Directive* s : servers) {
      if (!nginx::tls_listen(config, s)) continue;
      for (const nginx::Directive* c : nginx::children_of(config, s))
        if (c->is("server_name"))
          for (const nginx::Arg& a : c->args)
            if (!a.value.empty() && a.value != "_") tls_names.emplace(a.value, c);
    }
    for (const nginx::Directive* s : servers) {
      if (s->file) continue;
      const nginx::Directive* plain = nullptr;
      bool ssl_on = false;
      std::string matched;
      const nginx::Directive* tls_name = nullptr;
      for (const nginx::Directive* c : nginx::children_of(config, s)) {
        if (c->is("listen") && !is_tls_listen(*c) && !plain) plain = c;
        if (c->is("ssl") && !c->args.empty() && c->args[0].value == "on") ssl_on = true;
        if (c->is("server_name"))
          for (const nginx::Arg& a : c->args) {
            auto it = tls_names.find(a.value);
            if (it != tls_names.end() && !tls_name) {
              matched = a.value;
              tls_name = it->second;
            }
          }
      }
      if (!plain || plain->file || ssl_on || !tls_name || redirects_to_https(config, s)) continue;
      Finding& f = sink.report(
          plain->span(),
          fmt::format("this server answers plain HTTP for {}, which is also served over HTTPS, "
                      "without redirecting: add `return 301 https://$host$request_uri;`",
                      matched));
      if (!tls_name->file) f.related.push_back({tls_name->span(), "served over HTTPS here"});
    }
  }
};

INFRALINT_REGISTER_RULE(HttpNotRedirectedToHttps);

}  // namespace
}  // namespace infralint
