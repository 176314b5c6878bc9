#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A location for a login, token or API endpoint — its path has a segment `login`, `signin`,
`sign-in`, `auth`, `oauth`, `token`, `password`, `register`, `signup` or `api` — with no
`limit_req` or `limit_conn` in effect: none in the location, in a location around it, in its
server or at `http` level.

Locations that only `return` or `deny all;` are not reported, nor locations of a snippet
outside any `server` block (the server that includes it may set the limit).

## Why it matters
Without a rate limit, a single client can try passwords or tokens as fast as the backend
answers (credential stuffing, brute force), or exhaust an API's workers. `limit_req` caps the
request rate per client address; the CIS NGINX Benchmark asks for it on such endpoints.

## Example
```nginx
location /login {
    proxy_pass http://app;
}
```

## Fixed
```nginx
# at http level
limit_req_zone $binary_remote_addr zone=login:10m rate=5r/s;

location /login {
    limit_req zone=login burst=10 nodelay;
    proxy_pass http://app;
}
```

No automatic fix: the rate depends on the endpoint and its clients, and the zone belongs at
`http` level.
)md";

const RuleMeta kMeta{
    .id = "nginx/rate-limit-missing",
    .title = "Login or API location without a rate limit",
    .severity = Severity::info,
    .categories = {Category::security, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

const std::string_view kSensitive[] = {"login", "signin",   "sign-in",  "auth",  "oauth",
                                       "token", "password", "register", "signup", "api"};

// The sensitive segment the location's path (prefix or regex) names, or empty: the word must
// start a segment (after `/`, `(` or `|`) and end it (`/api` but not `/apidocs`, `/authors`).
std::string_view sensitive_segment(std::string_view uri) {
  std::string lower(uri);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view word : kSensitive)
    for (auto at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
      if (at == 0 || std::string_view("/(|").find(lower[at - 1]) == std::string_view::npos)
        continue;
      std::size_t end = at + word.size();
      if (end < lower.size() && (std::isalnum(static_cast<unsigned char>(lower[end])) ||
                                 lower[end] == '_' || lower[end] == '-'))
        continue;
      return word;
    }
  return {};
}

bool limits(const nginx::Directive& d) { return d.is("limit_req") || d.is("limit_conn"); }

class RateLimitMissing final : public NginxRule {
 public:
  RateLimitMissing() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    // limit_req / limit_conn at the top level of the file (http level of a complete one).
    bool top = false;
    for (const nginx::Directive* c : nginx::children_of(config, nullptr)) top = top || limits(*c);
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& loc = v.directive;
      if (!v.in_document() || !loc.is("location") || !loc.block || loc.args.empty() || top)
        return;
      std::string_view word = sensitive_segment(loc.args.back().value);
      if (word.empty()) return;
      // A location snippet: the server it is included in may set what is looked for.
      if (std::none_of(v.parents.begin(), v.parents.end(),
                       [](const nginx::Directive* p) { return p->is("server"); }))
        return;
      bool only_refuses = true;
      for (const nginx::Directive* c : nginx::children_of(config, &loc)) {
        if (limits(*c)) return;
        if (!c->is("return") && !c->is("deny") && !c->is("allow") && !c->is("internal"))
          only_refuses = false;
      }
      if (only_refuses) return;
      for (const nginx::Directive* level : v.parents)
        for (const nginx::Directive* c : nginx::children_of(config, level))
          if (limits(*c)) return;
      sink.report(Span{loc.name_span.begin, loc.args.back().span.end},
                  fmt::format("this `{}` endpoint has no limit_req or limit_conn: one client can "
                              "send requests as fast as the backend answers (brute force, "
                              "credential stuffing); add `limit_req zone=...;` with a "
                              "limit_req_zone at http level",
                              word));
    });
  }
};

INFRALINT_REGISTER_RULE(RateLimitMissing);

}  // namespace
}  // namespace infralint
