#include <fmt/format.h>

#include <charconv>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A client-facing `keepalive_requests` (in `http`, `server` or `location`) below 1000, nginx's
default since 1.19.10. `keepalive_requests` inside `upstream {}` limits connections to the
backends and is not checked.

## Why it matters
After that many requests nginx closes the client connection. With HTTP/2 every request of a
page shares one connection, so a low value (the old default 100, or 0) makes browsers
reconnect and redo the TLS handshake mid-page, and can drop in-flight streams.

## Example
```nginx
keepalive_requests 100;
```

## Fixed
```nginx
keepalive_requests 1000;
```

Fix (safe): sets the value to 1000.
)md";

const RuleMeta kMeta{
    .id = "nginx/low-keepalive-requests",
    .title = "keepalive_requests below nginx's default of 1000",
    .severity = Severity::info,
    .categories = {Category::performance},
    .aliases = {"gixy:low_keepalive_requests"},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class LowKeepaliveRequests final : public NginxRule {
 public:
  LowKeepaliveRequests() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("keepalive_requests") || d.args.size() != 1) return;
      if (v.context != nginx::Context::http && v.context != nginx::Context::server &&
          v.context != nginx::Context::location)
        return;
      const std::string& s = d.args[0].value;
      long n = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
      if (ec != std::errc() || p != s.data() + s.size() || n >= 1000) return;
      sink.report(
          d.args[0].span,
          fmt::format("keepalive_requests {} closes client connections after {} "
                      "request{}: browsers reconnect (and redo TLS) mid-page; use "
                      "1000, nginx's default",
                      n, n, n == 1 ? "" : "s"),
          Fix{"Set keepalive_requests to 1000", {{d.args[0].span, "1000"}}, Applicability::safe});
    });
  }
};

INFRALINT_REGISTER_RULE(LowKeepaliveRequests);

}  // namespace
}  // namespace infralint
