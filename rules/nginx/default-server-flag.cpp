#include <fmt/format.h>

#include <map>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Several `server` blocks listening on the same address and port, none of them marked
`default_server`.

## Why it matters
Requests whose `Host` matches no `server_name` (scanners, IP-address requests, a misspelt
domain) then go to whichever server comes first in the configuration — which changes when
files are added to `conf.d/` in another order. A deliberate catch-all (`return 444`, or
`ssl_reject_handshake on`) makes the behaviour explicit (CIS NGINX 2.4.2).

## Example
```nginx
server { listen 80; server_name a.example.com; }
server { listen 80; server_name b.example.com; }
```

## Fixed
```nginx
server { listen 80 default_server; server_name _; return 444; }
server { listen 80; server_name a.example.com; }
server { listen 80; server_name b.example.com; }
```

No automatic fix: which server should answer unknown hosts is a decision.
)md";

const RuleMeta kMeta{
    .id = "nginx/default-server-flag",
    .title = "Shared listen socket without a default_server",
    .severity = Severity::info,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-NGINX-2.1:2.4.2"},
    .aliases = {"gixy:default_server_flag"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class DefaultServerFlag final : public NginxRule {
 public:
  DefaultServerFlag() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    if (context != nginx::Context::main) return;
    struct Socket {
      std::vector<const nginx::Directive*> listens;
      bool has_default = false;
    };
    std::map<std::string, Socket> sockets;
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!d.is("listen") || d.args.empty() || v.context != nginx::Context::server) return;
      Socket& s = sockets[nginx::listen_socket(d.args[0].value)];
      s.listens.push_back(&d);
      for (const auto& a : d.args)
        if (a.value == "default_server" || a.value == "default") s.has_default = true;
    });
    for (const auto& [address, s] : sockets) {
      if (s.has_default || s.listens.size() < 2 || s.listens.front()->file) continue;
      Finding& f = sink.report(
          s.listens.front()->span(),
          fmt::format("{} servers listen on {} and none is `default_server`: unknown hosts go "
                      "to this first one by accident of order",
                      s.listens.size(), address));
      for (std::size_t i = 1; i < s.listens.size(); ++i)
        if (!s.listens[i]->file) f.related.push_back({s.listens[i]->span(), "also listens here"});
    }
  }
};

INFRALINT_REGISTER_RULE(DefaultServerFlag);

}  // namespace
}  // namespace infralint
