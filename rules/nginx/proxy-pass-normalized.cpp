#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`proxy_pass` with a URI part (`http://backend/`, `http://backend/api/`) in a prefix or regex
location.

## Why it matters
With a URI in `proxy_pass`, nginx replaces the matched location prefix in the *normalized,
decoded* path: `%2F..%2F` becomes `/../` and is resolved before proxying, so the backend
receives a different path than the client sent (path confusion: access rules on the backend
bypassed, `/api/../admin` reaching `/admin`). Without a URI the original request URI is passed
unchanged.

## Example
```nginx
location /api/ {
    proxy_pass http://backend/;
}
```

## Fixed
```nginx
location /api/ {
    rewrite ^ $request_uri;
    rewrite ^/api(/.*) $1 break;
    return 400;
    proxy_pass http://backend$uri;
}
```

or, when the backend accepts the prefix, `proxy_pass http://backend;`. No automatic fix.
Exact (`=`) locations, unix sockets and `stream` are not reported.
)md";

const RuleMeta kMeta{
    .id = "nginx/proxy-pass-normalized",
    .title = "proxy_pass with a URI passes a normalized path",
    .severity = Severity::info,
    .categories = {Category::security},
    .aliases = {"gixy:proxy_pass_normalized"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class ProxyPassNormalized final : public NginxRule {
 public:
  ProxyPassNormalized() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("proxy_pass") || d.args.size() != 1 ||
          v.context != nginx::Context::location || v.parents.empty())
        return;
      const std::string& url = d.args[0].value;
      auto scheme = url.find("://");
      if (scheme == std::string::npos || url.find('$') != std::string::npos ||
          url.compare(scheme + 3, 5, "unix:") == 0)
        return;
      auto path = url.find('/', scheme + 3);
      if (path == std::string::npos) return;
      const nginx::Directive& loc = *v.parents.back();
      if (!loc.is("location") || loc.args.empty() || loc.args[0].value == "=") return;
      sink.report(d.args[0].span,
                  fmt::format("`{}` has a URI part (`{}`): nginx proxies the decoded, "
                              "normalized path (`%2F..%2F` becomes `/../`), not what the client "
                              "sent",
                              url, url.substr(path)));
    });
  }
};

INFRALINT_REGISTER_RULE(ProxyPassNormalized);

}  // namespace
}  // namespace infralint
