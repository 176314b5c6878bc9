#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A location holding both `try_files` and `proxy_pass`.

## Why it matters
`try_files` runs before the content handler (`proxy_pass`) and does not serve what it finds:

- when one of its files exists on the nginx host, nginx changes the request's URI to that
  file's and goes on to the location's content handler, so the request is proxied anyway —
  the file is never served from disk;
- when none exists, nginx jumps to the last parameter (a named location, a URI or a status
  code), and this `proxy_pass` is never used.

So `proxy_pass` here only ever sees requests for files that happen to exist locally, with
their URI rewritten — the opposite of the usual intent, "serve the file if it exists, else
proxy".

## Example
```nginx
location / {
    try_files $uri $uri/ =404;
    proxy_pass http://app;
}
```

## Fixed
```nginx
location / {
    try_files $uri $uri/ @app;
}
location @app {
    proxy_pass http://app;
}
```

No automatic fix: moving `proxy_pass` into a named location changes which requests reach the
backend.
)md";

const RuleMeta kMeta{
    .id = "nginx/try-files-with-proxy-pass",
    .title = "try_files and proxy_pass in the same location",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class TryFilesWithProxyPass final : public NginxRule {
 public:
  TryFilesWithProxyPass() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& loc = v.directive;
      if (!loc.is("location") || !loc.block) return;
      const nginx::Directive* try_files = nullptr;
      const nginx::Directive* proxy_pass = nullptr;
      for (const nginx::Directive* c : nginx::children_of(config, &loc)) {
        if (c->is("try_files") && !try_files) try_files = c;
        if (c->is("proxy_pass") && !proxy_pass) proxy_pass = c;
      }
      if (!try_files || !proxy_pass || try_files->file) return;
      Finding& f = sink.report(
          try_files->span(),
          "try_files runs before proxy_pass here: a file that exists is proxied with its URI "
          "rewritten instead of served, and a missing one goes to the fallback, never to "
          "proxy_pass; move proxy_pass to a named location and end try_files with it");
      if (!proxy_pass->file) f.related.push_back({proxy_pass->span(), "the proxy_pass it defeats"});
    });
  }
};

INFRALINT_REGISTER_RULE(TryFilesWithProxyPass);

}  // namespace
}  // namespace infralint
