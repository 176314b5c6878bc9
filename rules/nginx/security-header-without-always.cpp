#include <fmt/format.h>

#include <set>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A security header (`Strict-Transport-Security`, `Content-Security-Policy`, `X-Frame-Options`,
`X-Content-Type-Options`, `Referrer-Policy`, `Permissions-Policy`, `Cross-Origin-*`) added
without the `always` parameter.

## Why it matters
Without `always`, nginx adds the header only to 200, 201, 204, 206, 301, 302, 303, 304, 307
and 308 responses. Error pages (404, 500, an upstream's 502) go out without it, and error
pages that reflect input are exactly where framing and sniffing protections matter.

## Example
```nginx
add_header X-Frame-Options DENY;
```

## Fixed
```nginx
add_header X-Frame-Options DENY always;
```

Safe fix: `always` is appended.
)md";

const RuleMeta kMeta{
    .id = "nginx/security-header-without-always",
    .title = "Security header not sent on error responses",
    .severity = Severity::warning,
    .categories = {Category::security},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

const std::set<std::string> kSecurityHeaders{"strict-transport-security",
                                             "content-security-policy",
                                             "x-frame-options",
                                             "x-content-type-options",
                                             "referrer-policy",
                                             "permissions-policy",
                                             "cross-origin-opener-policy",
                                             "cross-origin-embedder-policy",
                                             "cross-origin-resource-policy",
                                             "content-security-policy-report-only"};

class SecurityHeaderWithoutAlways final : public NginxRule {
 public:
  SecurityHeaderWithoutAlways() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("add_header") || d.args.size() != 2 || d.terminator.empty())
        return;
      if (!kSecurityHeaders.count(nginx::header_key(d))) return;
      Span end{d.args[1].span.end, d.args[1].span.end};
      sink.report(d.span(),
                  fmt::format("{} is not sent on error responses (4xx, 5xx) without `always`",
                              d.args[0].value),
                  Fix{"Add `always`", {{end, " always"}}, Applicability::safe});
    });
  }
};

INFRALINT_REGISTER_RULE(SecurityHeaderWithoutAlways);

}  // namespace
}  // namespace infralint
