#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A proxied location meant for WebSocket — it passes an `Upgrade` header, or its path has a
segment such as `ws`, `websocket`, `socket.io`, `sockjs` or `cable` — that lacks part of
what the handshake needs: `proxy_set_header Upgrade $http_upgrade;`,
`proxy_set_header Connection` (`"upgrade"` or a `map` of `$http_upgrade`) and
`proxy_http_version 1.1;`. Headers and the version are looked up as nginx inherits them.

## Why it matters
`Upgrade` and `Connection` are hop-by-hop headers: nginx does not forward them unless told
to, and it speaks HTTP/1.0 to backends by default, which has no upgrade. The handshake then
fails (the backend answers 400 or falls back to long polling), usually only in production
behind nginx.

## Example
```nginx
location /ws/ {
    proxy_pass http://app;
}
```

## Fixed
```nginx
location /ws/ {
    proxy_pass http://app;
    proxy_http_version 1.1;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
}
```

No automatic fix: adding `proxy_set_header` to a location drops the ones it inherits.
)md";

const RuleMeta kMeta{
    .id = "nginx/websocket-headers-missing",
    .title = "WebSocket location without Upgrade/Connection headers or HTTP/1.1",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

bool websocket_path(std::string_view path) {
  for (std::string_view seg :
       {"ws", "wss", "websocket", "websockets", "socket.io", "sockjs", "cable", "graphql-ws"}) {
    auto at = path.find(seg);
    while (at != std::string_view::npos) {
      bool left = at == 0 || path[at - 1] == '/';
      std::size_t end = at + seg.size();
      bool right = end == path.size() || path[end] == '/' || path[end] == '$';
      if (left && right) return true;
      at = path.find(seg, at + 1);
    }
  }
  return false;
}

class WebsocketHeadersMissing final : public NginxRule {
 public:
  WebsocketHeadersMissing() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::NamedIndex index(config);
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& loc = v.directive;
      if (!v.in_document() || !loc.is("location") || !loc.block || loc.args.empty()) return;
      const nginx::Directive* pass = nullptr;
      for (const nginx::Directive* c : nginx::children_of(config, &loc)) {
        if (c->is("proxy_pass")) pass = c;
        if (c->is("include") && c->included.empty()) return;  // unknown headers
      }
      if (!pass) return;
      const nginx::Directive* upgrade = nullptr;
      const nginx::Directive* connection = nullptr;
      for (const nginx::Directive* h :
           nginx::effective(config, v.parents, &loc, "proxy_set_header", &index)) {
        if (nginx::header_key(*h) == "upgrade") upgrade = h;
        if (nginx::header_key(*h) == "connection") connection = h;
      }
      bool by_path = websocket_path(loc.args.back().value);
      if (!upgrade && !by_path) return;
      // proxy_http_version: the nearest level that sets it.
      std::string version = "1.0";
      std::vector<const nginx::Directive*> levels(v.parents.rbegin(), v.parents.rend());
      levels.insert(levels.begin(), &loc);
      levels.push_back(nullptr);
      bool found = false;
      for (const nginx::Directive* level : levels) {
        for (const nginx::Directive* c : nginx::children_of(config, level))
          if (c->is("proxy_http_version") && !c->args.empty()) {
            version = c->args[0].value;
            found = true;
          }
        if (found) break;
      }
      std::vector<std::string_view> missing;
      if (!upgrade) missing.push_back("`proxy_set_header Upgrade $http_upgrade;`");
      bool connection_upgrades = connection && connection->args.size() > 1 &&
                                 connection->args[1].value != "close" &&
                                 !connection->args[1].value.empty();
      if (!connection_upgrades) missing.push_back("`proxy_set_header Connection \"upgrade\";`");
      if (version != "1.1") missing.push_back("`proxy_http_version 1.1;`");
      if (missing.empty()) return;
      // In a snippet, the version may come from the main configuration: report only headers.
      if (!found && context != nginx::Context::main && missing.size() == 1) return;
      Span at = upgrade && !upgrade->file ? upgrade->span() : loc.args.back().span;
      sink.report(at, fmt::format("this WebSocket location{} cannot complete the upgrade "
                                  "handshake: add {}",
                                  upgrade ? "" : " (by its path)", fmt::join(missing, ", ")));
    });
  }
};

INFRALINT_REGISTER_RULE(WebsocketHeadersMissing);

}  // namespace
}  // namespace infralint
