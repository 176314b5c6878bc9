#include <fmt/format.h>

#include <cctype>
#include <cstdlib>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An HTTPS server (`listen ... ssl`) that sends no `Strict-Transport-Security` header, or one
whose `max-age` is under six months (15768000 seconds).

## Why it matters
Without HSTS, a user who types the bare host name, or follows an `http://` link, starts in
clear text and can be downgraded by anyone on the network (SSL stripping). A short `max-age`
lets the protection lapse between visits. Mozilla recommends two years (63072000).

## Example
```nginx
server {
    listen 443 ssl;
}
```

## Fixed
```nginx
server {
    listen 443 ssl;
    add_header Strict-Transport-Security "max-age=63072000" always;
}
```

No automatic fix: HSTS is sticky in browsers; turn it on knowingly (and `includeSubDomains`
only when every subdomain serves HTTPS).
)md";

const RuleMeta kMeta{
    .id = "nginx/hsts-header",
    .title = "HTTPS server without a strong HSTS header",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"Mozilla-TLS:hsts"},
    .aliases = {"gixy:hsts_header"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

constexpr long kMinimumMaxAge = 15768000;

class HstsHeader final : public NginxRule {
 public:
  HstsHeader() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::NamedIndex index(config);
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& server = v.directive;
      if (!v.in_document() || !server.is("server") || !server.block ||
          v.context != nginx::Context::http)
        return;
      const nginx::Directive* listen = nginx::tls_listen(config, &server);
      if (!listen || listen->file) return;
      const nginx::Directive* hsts = nullptr;
      for (const nginx::Directive* h :
           nginx::effective(config, v.parents, &server, "add_header", &index))
        if (nginx::header_key(*h) == "strict-transport-security") hsts = h;
      if (!hsts) {
        sink.report(listen->span(),
                    "this HTTPS server sends no Strict-Transport-Security "
                    "header: browsers can be downgraded to HTTP; add "
                    "`add_header Strict-Transport-Security \"max-age=63072000\" "
                    "always;`");
        return;
      }
      if (hsts->file || hsts->args.size() < 2) return;
      std::string value = hsts->args[1].value;
      for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto at = value.find("max-age=");
      if (at == std::string::npos) return;
      long age = std::strtol(value.c_str() + at + 8, nullptr, 10);
      if (age >= kMinimumMaxAge) return;
      sink.report(hsts->args[1].span,
                  fmt::format("HSTS max-age={} is under six months: the protection lapses "
                              "between visits; use 63072000 (two years)",
                              age));
    });
  }
};

INFRALINT_REGISTER_RULE(HstsHeader);

}  // namespace
}  // namespace infralint
