#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`proxy_buffering off;` outside locations that stream: at `http` or `server` level, or in a
location that neither looks like a streaming endpoint (its path holds `stream`, `sse`,
`event`, `ws`, `socket`, `live`, `subscribe`, `push`, `poll`, `notif`, `realtime` or
`tail`) nor upgrades the connection (`proxy_set_header Upgrade ...`).

## Why it matters
With buffering on, nginx reads the backend's response as fast as the backend writes it and
frees the backend, then feeds slow clients itself. With buffering off, every slow or stalled
client holds a backend connection (and a worker thread or process there) for the whole
transfer: a few hundred slow readers exhaust the backend (slow-client DoS), and responses
cannot be cached. Streaming responses (server-sent events, long polling) need it off — and
only there.

## Example
```nginx
server {
    proxy_buffering off;
    location / {
        proxy_pass http://app;
    }
}
```

## Fixed
```nginx
server {
    location / {
        proxy_pass http://app;
    }
    location /events/ {
        proxy_buffering off;
        proxy_pass http://app;
    }
}
```

No automatic fix: only the application knows which responses stream. A backend can also
turn buffering off per response with the `X-Accel-Buffering: no` header.
)md";

const RuleMeta kMeta{
    .id = "nginx/proxy-buffering-off",
    .title = "Proxy buffering off outside streaming locations",
    .severity = Severity::info,
    .categories = {Category::performance, Category::reliability},
    .aliases = {"gixy:proxy_buffering_off"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

const std::string_view kStreamingWords[] = {"stream", "sse",  "event", "ws",    "socket",   "live",
                                            "subscribe", "push", "poll", "notif", "realtime", "tail"};

bool looks_streaming(const nginx::Config& config, const nginx::Directive& loc) {
  if (!loc.args.empty()) {
    std::string path = loc.args.back().value;
    std::transform(path.begin(), path.end(), path.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::string_view word : kStreamingWords)
      if (path.find(word) != std::string::npos) return true;
  }
  for (const nginx::Directive* c : nginx::children_of(config, &loc))
    if (c->is("proxy_set_header") && !c->args.empty() && nginx::header_key(*c) == "upgrade")
      return true;
  return false;
}

class ProxyBufferingOff final : public NginxRule {
 public:
  ProxyBufferingOff() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("proxy_buffering") || d.args.size() != 1 ||
          d.args[0].value != "off")
        return;
      if (v.context == nginx::Context::location) {
        if (looks_streaming(config, *v.parents.back())) return;
        sink.report(d.span(),
                    "proxy_buffering off makes every slow client hold a backend connection "
                    "for the whole response; keep it on except for streaming responses "
                    "(server-sent events, long polling), or let the backend send "
                    "`X-Accel-Buffering: no` for those");
        return;
      }
      if (v.context != nginx::Context::http && v.context != nginx::Context::server) return;
      sink.report(d.span(),
                  fmt::format("proxy_buffering off at {} level turns buffering off for every "
                              "proxied location: each slow client holds a backend connection; "
                              "turn it off only in the locations that stream",
                              nginx::to_string(v.context)));
    });
  }
};

INFRALINT_REGISTER_RULE(ProxyBufferingOff);

}  // namespace
}  // namespace infralint
