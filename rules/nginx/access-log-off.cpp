#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`access_log off;` at `http` or `server` level, which turns request logging off for every
location below it.

Locations are not reported: switching the log off for a health check, a status page or
static assets is common and harmless.

## Why it matters
Without an access log there is no record of who requested what: incidents cannot be
investigated, and attacks (credential stuffing, scanning) go unnoticed (CIS NGINX 3.2).

## Example
```nginx
server {
    listen 80;
    access_log off;
}
```

## Fixed
```nginx
server {
    listen 80;
    access_log /var/log/nginx/access.log combined;
}
```

No automatic fix: where logs go (a file, syslog, stdout in a container) is a decision.
)md";

const RuleMeta kMeta{
    .id = "nginx/access-log-off",
    .title = "Access logging turned off for a whole server",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-NGINX-2.1:3.2"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class AccessLogOff final : public NginxRule {
 public:
  AccessLogOff() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("access_log") || d.args.empty() || d.args[0].value != "off")
        return;
      if (v.context != nginx::Context::http && v.context != nginx::Context::server) return;
      sink.report(d.span(), fmt::format("access_log off at {} level leaves no record of the "
                                        "requests of every location below; log to a file, "
                                        "syslog or stdout instead",
                                        nginx::to_string(v.context)));
    });
  }
};

INFRALINT_REGISTER_RULE(AccessLogOff);

}  // namespace
}  // namespace infralint
