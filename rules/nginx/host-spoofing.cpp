#include <fmt/format.h>

#include <cctype>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`proxy_set_header Host $http_host;` (or `$http_x_forwarded_host`): the `Host` sent upstream
is copied verbatim from the client's header.

## Why it matters
`$http_host` is whatever the client sent, including a host that no `server_name` matches, a
port, or garbage; the backend builds password-reset links, redirects and cache keys from it
(host header injection). `$host` is the name nginx matched: lower-cased, without the port,
and the server name when the header is missing.

## Example
```nginx
proxy_set_header Host $http_host;
```

## Fixed
```nginx
proxy_set_header Host $host;
```

Safe fix: `$http_host` becomes `$host`. If the backend needs the port, use `$host:$server_port`.
)md";

const RuleMeta kMeta{
    .id = "nginx/host-spoofing",
    .title = "Host header passed upstream from the client's value",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"gixy:host_spoofing"},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class HostSpoofing final : public NginxRule {
 public:
  HostSpoofing() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("proxy_set_header") || d.args.size() != 2 ||
          nginx::header_key(d) != "host")
        return;
      std::string value = d.args[1].value;
      for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (value != "$http_host" && value != "$http_x_forwarded_host") return;
      sink.report(d.args[1].span,
                  fmt::format("Host is copied from the client's `{}`, which can be anything; "
                              "use `$host`, the name nginx matched",
                              d.args[1].value),
                  Fix{"Use $host", {{d.args[1].inner(), "$host"}}, Applicability::safe});
    });
  }
};

INFRALINT_REGISTER_RULE(HostSpoofing);

}  // namespace
}  // namespace infralint
