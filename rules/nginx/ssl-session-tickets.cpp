#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
TLS session tickets whose encryption keys are never rotated:

- `ssl_session_ticket_key file;` while tickets are on: static keys from a file, used until
  someone replaces the file;
- `ssl_session_tickets on;` set explicitly where no `ssl_session_cache shared:...` is in
  effect: since nginx 1.23.2 nginx rotates ticket keys itself, but only with a shared
  session cache; otherwise each worker keeps one random key until reload.

The default (tickets on, with a shared cache) is not reported: Mozilla's guidelines only ask
for `ssl_session_tickets off` on nginx older than 1.23.2.

## Why it matters
Anyone who obtains a ticket key (memory disclosure, a leaked key file) can decrypt every
recorded session resumed with it: long-lived ticket keys undo the forward secrecy of ECDHE.

## Example
```nginx
ssl_session_tickets on;
```

## Fixed
```nginx
ssl_session_tickets off;
```

Fix (safe, for the explicit `on`): turns tickets off; sessions still resume through
`ssl_session_cache` when one is configured.
)md";

const RuleMeta kMeta{
    .id = "nginx/ssl-session-tickets",
    .title = "TLS session tickets with keys that are never rotated",
    .severity = Severity::info,
    .categories = {Category::security},
    .compliance = {"Mozilla-TLS:session-tickets"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class SslSessionTickets final : public NginxRule {
 public:
  SslSessionTickets() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || v.context == nginx::Context::stream ||
          v.context == nginx::Context::stream_server || v.context == nginx::Context::mail ||
          v.context == nginx::Context::mail_server)
        return;
      // The nearest ssl_session_tickets / ssl_session_cache in effect at `d`.
      auto nearest = [&](std::string_view name) -> const nginx::Directive* {
        std::vector<const nginx::Directive*> levels(v.parents.rbegin(), v.parents.rend());
        levels.push_back(nullptr);
        for (const nginx::Directive* level : levels)
          for (const nginx::Directive* c : nginx::children_of(config, level))
            if (c->is(name)) return c;
        return nullptr;
      };
      if (d.is("ssl_session_ticket_key") && !d.args.empty()) {
        const nginx::Directive* tickets = nearest("ssl_session_tickets");
        if (tickets && !tickets->args.empty() && tickets->args[0].value == "off") return;
        sink.report(d.span(),
                    "ssl_session_ticket_key loads a static ticket key: unless it is "
                    "rotated (and nginx reloaded) regularly, one leaked key decrypts every "
                    "resumed session; drop it and let nginx rotate keys with "
                    "`ssl_session_cache shared:SSL:10m;`, or set `ssl_session_tickets off;`");
        return;
      }
      if (!d.is("ssl_session_tickets") || d.args.size() != 1 || d.args[0].value != "on") return;
      const nginx::Directive* cache = nearest("ssl_session_cache");
      if (cache)
        for (const nginx::Arg& a : cache->args)
          if (a.value.starts_with("shared:")) return;
      if (context != nginx::Context::main && !cache) return;  // cache may be in nginx.conf
      sink.report(d.args[0].span,
                  "session tickets are on without a shared ssl_session_cache: nginx never "
                  "rotates the ticket key, weakening forward secrecy; set "
                  "`ssl_session_tickets off;` or add `ssl_session_cache shared:SSL:10m;`",
                  Fix{"Turn session tickets off", {{d.args[0].span, "off"}}, Applicability::safe});
    });
  }
};

INFRALINT_REGISTER_RULE(SslSessionTickets);

}  // namespace
}  // namespace infralint
