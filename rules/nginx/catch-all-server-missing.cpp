#include <fmt/format.h>

#include <map>
#include <string>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
In a complete configuration (one with an `http` block), a listening address whose default
server — the one marked `default_server`, else the first listening there — does not reject
requests: it serves a site instead of `return 444;` (or another 4xx), `deny all;` or
`ssl_reject_handshake on;`. A default server that redirects every request at server level
(`return 301 https://...;`, `rewrite ^ ... permanent;`) serves no site and is not reported.
`server_name _;` alone does not make a catch-all: it only names no real host.

Servers without a `listen` and included snippets on their own are not judged: which server
is the default depends on the whole configuration.

## Why it matters
Requests whose `Host` matches no `server_name` — scanners probing IP addresses, DNS names
pointed at the host by someone else, host-header attacks — are answered by the default
server. A site there is reachable under any name (cache poisoning, password-reset links
built from the Host header). A catch-all that closes the connection makes unknown names fail
(CIS NGINX 2.4.2).

## Example
```nginx
http {
    server {
        listen 80;
        server_name example.com;
        root /srv/www;
    }
}
```

## Fixed
```nginx
http {
    server {
        listen 80 default_server;
        server_name _;
        return 444;
    }
    server {
        listen 80;
        server_name example.com;
        root /srv/www;
    }
}
```

No automatic fix: a TLS catch-all needs `ssl_reject_handshake on` (nginx 1.19.4) or a
certificate, and some sites are meant to answer every name.
)md";

const RuleMeta kMeta{
    .id = "nginx/catch-all-server-missing",
    .title = "Unknown host names served by a site",
    .severity = Severity::info,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-NGINX-2.1:2.4.2"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

bool rejects(const nginx::Directive& d) {
  if (d.is("return") && !d.args.empty() && d.args[0].value.size() == 3 &&
      d.args[0].value[0] == '4')
    return true;
  if (d.is("deny") && d.args.size() == 1 && d.args[0].value == "all") return true;
  return d.is("ssl_reject_handshake") && d.args.size() == 1 && d.args[0].value == "on";
}

// A redirect of every request (`return 301 https://...`, `rewrite ^ ... permanent`) serves
// no site either: the name is judged again where it is sent.
bool redirects(const nginx::Directive& d) {
  if (d.is("return") && !d.args.empty() && d.args[0].value.size() == 3 &&
      d.args[0].value[0] == '3')
    return true;
  return d.is("rewrite") && d.args.size() == 3 &&
         (d.args[2].value == "permanent" || d.args[2].value == "redirect");
}

// Rejects (or redirects everything) at server level, or rejects in `location /`.
bool rejecting_server(const nginx::Config& config, const nginx::Directive& server) {
  for (const nginx::Directive* c : nginx::children_of(config, &server)) {
    if (rejects(*c) || redirects(*c)) return true;
    if (c->is("location") && c->args.size() == 1 && c->args[0].value == "/")
      for (const nginx::Directive* l : nginx::children_of(config, c))
        if (rejects(*l)) return true;
  }
  return false;
}

class CatchAllServerMissing final : public NginxRule {
 public:
  CatchAllServerMissing() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    if (context != nginx::Context::main) return;
    for (const nginx::Directive* http : nginx::children_of(config, nullptr)) {
      if (!http->is("http") || !http->block) continue;
      // Per socket, its default server's listen: the one marked default, else the first.
      struct Default {
        const nginx::Directive* listen = nullptr;
        const nginx::Directive* server = nullptr;
        bool marked = false;
        const nginx::Directive* rejecting = nullptr;  // a catch-all there that is not default
      };
      std::map<std::string, Default> sockets;
      for (const nginx::Directive* server : nginx::children_of(config, http)) {
        if (!server->is("server") || !server->block) continue;
        for (const nginx::Directive* l : nginx::children_of(config, server)) {
          if (!l->is("listen") || l->args.empty()) continue;
          bool marked = false;
          for (const nginx::Arg& a : l->args)
            marked = marked || a.value == "default_server" || a.value == "default";
          Default& d = sockets[nginx::listen_socket(l->args[0].value)];
          if (!d.listen || (marked && !d.marked)) {
            d.listen = l;
            d.server = server;
            d.marked = marked;
          }
          if (!d.rejecting && rejecting_server(config, *server)) d.rejecting = l;
        }
      }
      for (const auto& [socket, d] : sockets) {
        if (d.listen->file || rejecting_server(config, *d.server)) continue;
        if (d.listen->args[0].value.starts_with("unix:")) continue;
        if (d.rejecting) {
          Finding& f = sink.report(
              d.listen->span(),
              fmt::format("requests to {} for unknown host names are answered by this server, "
                          "which serves a site, not by the catch-all that rejects them: mark "
                          "the catch-all's listen `default_server` instead",
                          socket));
          if (!d.rejecting->file) f.related.push_back({d.rejecting->span(), "the catch-all"});
          continue;
        }
        sink.report(d.listen->span(),
                    fmt::format("requests to {} for unknown host names are answered by this "
                                "server, which serves a site; add a catch-all `server {{ listen "
                                "{} default_server; server_name _; return 444; }}`",
                                socket, d.listen->args[0].value));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(CatchAllServerMissing);

}  // namespace
}  // namespace infralint
