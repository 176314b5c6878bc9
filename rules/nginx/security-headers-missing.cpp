#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An HTTPS server (`listen ... ssl`) whose responses carry none of some of the browser security
headers: `Content-Security-Policy`, `X-Content-Type-Options`, `X-Frame-Options` (a CSP with
`frame-ancestors` counts for it) and `Referrer-Policy`. The headers in effect are those nginx
really sends for the server: its own `add_header` lines, or, when it sets none, the ones it
inherits from `http` (all-or-nothing inheritance); `more_set_headers` counts too. A missing
header is listed once per server; servers whose headers come from an `include` that could
not be read, and redirect-only servers (a server-level `return`), are skipped.

## Why it matters
`X-Content-Type-Options: nosniff` stops MIME sniffing of uploads into scripts,
`X-Frame-Options` (or CSP `frame-ancestors`) stops clickjacking, `Referrer-Policy` keeps
URLs with tokens from leaking to other sites, and a Content-Security-Policy limits what an
injected script can do. The CIS NGINX Benchmark asks for all four.

## Example
```nginx
server {
    listen 443 ssl;
    add_header X-Frame-Options "DENY" always;
}
```

## Fixed
```nginx
server {
    listen 443 ssl;
    add_header X-Frame-Options "DENY" always;
    add_header X-Content-Type-Options "nosniff" always;
    add_header Referrer-Policy "strict-origin-when-cross-origin" always;
    add_header Content-Security-Policy "default-src 'self'" always;
}
```

No automatic fix: a Content-Security-Policy must be written for the site it protects, and
adding headers to a server that inherited others drops the inherited ones.
)md";

const RuleMeta kMeta{
    .id = "nginx/security-headers-missing",
    .title =
        "HTTPS server without CSP, X-Content-Type-Options, X-Frame-Options or "
        "Referrer-Policy",
    .severity = Severity::info,
    .categories = {Category::security, Category::compliance},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// An `include` that resolved to no file (and is not a glob): what it sets is unknown.
bool unread_include(const nginx::Directive& d) {
  if (!d.is("include") || !d.included.empty() || d.args.empty()) return false;
  return d.args[0].value.find_first_of("*?[") == std::string::npos;
}

class SecurityHeadersMissing final : public NginxRule {
 public:
  SecurityHeadersMissing() : NginxRule(kMeta) {}

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
      // Headers from an include nginx could not read: unknown, so no finding. A server that
      // answers everything with a server-level `return` (an HTTPS redirect) serves no pages.
      for (const nginx::Directive* d : nginx::children_of(config, &server))
        if (unread_include(*d) || d->is("return")) return;
      for (const nginx::Directive* p : v.parents)
        for (const nginx::Directive* d : nginx::children_of(config, p))
          if (unread_include(*d)) return;
      for (const nginx::Directive* d : nginx::children_of(config, nullptr))
        if (unread_include(*d)) return;

      std::vector<std::string> sent;
      std::string csp;
      for (const nginx::Directive* h :
           nginx::effective(config, v.parents, &server, "add_header", &index)) {
        sent.push_back(nginx::header_key(*h));
        if (sent.back() == "content-security-policy" && h->args.size() > 1)
          csp += lower(h->args[1].value);
      }
      for (const nginx::Directive* h :
           nginx::effective(config, v.parents, &server, "more_set_headers", &index))
        for (const auto& a : h->args) {
          auto colon = a.value.find(':');
          if (a.value.starts_with("-") || colon == std::string::npos) continue;
          sent.push_back(lower(a.value.substr(0, colon)));
          if (sent.back() == "content-security-policy") csp += lower(a.value.substr(colon + 1));
        }
      auto has = [&](std::string_view key) {
        return std::find(sent.begin(), sent.end(), key) != sent.end();
      };
      std::vector<std::string_view> missing;
      std::vector<std::string_view> lines;
      if (!has("content-security-policy")) {
        missing.push_back("Content-Security-Policy");
        lines.push_back("add_header Content-Security-Policy \"default-src 'self'\" always;");
      }
      if (!has("x-content-type-options")) {
        missing.push_back("X-Content-Type-Options");
        lines.push_back("add_header X-Content-Type-Options \"nosniff\" always;");
      }
      if (!has("x-frame-options") && csp.find("frame-ancestors") == std::string::npos) {
        missing.push_back("X-Frame-Options");
        lines.push_back("add_header X-Frame-Options \"DENY\" always;");
      }
      if (!has("referrer-policy")) {
        missing.push_back("Referrer-Policy");
        lines.push_back("add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;");
      }
      if (missing.empty()) return;
      sink.report(
          listen->span(),
          fmt::format("this HTTPS server sends no {} header{}: add `{}`", fmt::join(missing, ", "),
                      missing.size() == 1 ? "" : "s", fmt::join(lines, " ")));
    });
  }
};

INFRALINT_REGISTER_RULE(SecurityHeadersMissing);

}  // namespace
}  // namespace infralint
