#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Client timeouts set explicitly above 10 seconds, the CIS NGINX Benchmark's limit:

- `client_body_timeout` and `client_header_timeout` (time allowed between two reads of the
  request);
- `keepalive_timeout` (how long an idle keep-alive connection stays open), and
  `keepalive_timeout 0`, which turns keep-alive off;
- `send_timeout` (time allowed between two writes of the response).

Only values written in the configuration are reported. nginx's defaults (60s, and 75s for
`keepalive_timeout`) are above the limit too, but reporting every configuration that leaves
them unset would report nearly every file, including snippets whose `http` level sets them
elsewhere. `keepalive_timeout` inside `upstream` (connections to backends) is not a client
timeout and is not reported.

## Why it matters
Long timeouts let a client hold a connection and a worker slot with almost no traffic:
Slowloris-style attacks open thousands of such connections and exhaust
`worker_connections` (CIS NGINX 2.4.3, 2.4.4).

## Example
```nginx
http {
    keepalive_timeout 65;
    client_body_timeout 120s;
}
```

## Fixed
```nginx
http {
    keepalive_timeout 10;
    client_body_timeout 10s;
}
```

No automatic fix: slow uploads and long-polling endpoints may need longer timeouts, which
belong in their own location with a suppression that says why.
)md";

const RuleMeta kMeta{
    .id = "nginx/timeout-too-long",
    .title = "Client timeout above 10 seconds",
    .severity = Severity::info,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-NGINX-2.1:2.4.3", "CIS-NGINX-2.1:2.4.4"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

constexpr std::uint64_t kLimitMs = 10'000;

bool client_side(nginx::Context c) {
  return c == nginx::Context::http || c == nginx::Context::server ||
         c == nginx::Context::location;
}

class TimeoutTooLong final : public NginxRule {
 public:
  TimeoutTooLong() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || d.args.empty() || !client_side(v.context)) return;
      if (!d.is("client_body_timeout") && !d.is("client_header_timeout") &&
          !d.is("keepalive_timeout") && !d.is("send_timeout"))
        return;
      auto ms = nginx::time_ms(d.args[0].value);
      if (!ms) return;  // invalid-size-or-time reports it
      if (*ms == 0 && d.is("keepalive_timeout")) {
        sink.report(d.args[0].span,
                    "keepalive_timeout 0 turns keep-alive off: every request pays a new "
                    "connection (and TLS handshake); set a short timeout such as 10s instead");
        return;
      }
      if (*ms <= kLimitMs) return;
      sink.report(d.args[0].span,
                  fmt::format("{} {} lets a slow or idle client hold a connection that long "
                              "(Slowloris); set it to 10s or less",
                              d.name, d.args[0].value));
    });
  }
};

INFRALINT_REGISTER_RULE(TimeoutTooLong);

}  // namespace
}  // namespace infralint
