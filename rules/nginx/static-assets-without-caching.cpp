#include <algorithm>
#include <cctype>
#include <string>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A regex location for static assets — its pattern names at least two of `css`, `js`, `png`,
`jpg`, `jpeg`, `gif`, `ico`, `svg`, `webp`, `avif`, `woff`, `woff2`, `ttf`, `otf`, `eot` —
that serves them from disk with no `expires` and no `add_header Cache-Control` in effect.

Locations that proxy (`proxy_pass`, `fastcgi_pass`, ...) are not reported: the backend's
own cache headers pass through. Nor are locations of a snippet outside any `server` block:
the server that includes it may set `expires` for them.

## Why it matters
Without caching headers, browsers and CDNs revalidate every stylesheet, script, image and
font on each page view: more requests, more bandwidth and slower pages, for files that
rarely change (and never, when their names carry a content hash).

## Example
```nginx
location ~* \.(css|js|png|woff2)$ {
    root /srv/www;
}
```

## Fixed
```nginx
location ~* \.(css|js|png|woff2)$ {
    root /srv/www;
    expires 7d;
}
```

No automatic fix: how long assets may be cached depends on whether their names change with
their content (then `expires max;` with `immutable`).
)md";

const RuleMeta kMeta{
    .id = "nginx/static-assets-without-caching",
    .title = "Static assets served without caching headers",
    .severity = Severity::info,
    .categories = {Category::performance, Category::cost},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

const std::string_view kAssetExtensions[] = {"css",  "js",   "png",  "jpg",   "jpeg",
                                             "gif",  "ico",  "svg",  "webp",  "avif",
                                             "woff", "woff2", "ttf", "otf",   "eot"};

// How many asset extensions the pattern names as whole words.
std::size_t asset_extensions(std::string_view pattern) {
  std::string lower(pattern);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::size_t found = 0;
  for (std::string_view ext : kAssetExtensions)
    for (auto at = lower.find(ext); at != std::string::npos; at = lower.find(ext, at + 1)) {
      bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
      std::size_t end = at + ext.size();
      bool ends = end == lower.size() || !std::isalnum(static_cast<unsigned char>(lower[end]));
      if (starts && ends) {
        ++found;
        break;
      }
    }
  return found;
}

bool passes(const nginx::Directive& d) {
  return d.is("proxy_pass") || d.is("fastcgi_pass") || d.is("uwsgi_pass") ||
         d.is("scgi_pass") || d.is("grpc_pass") || d.is("return");
}

class StaticAssetsWithoutCaching final : public NginxRule {
 public:
  StaticAssetsWithoutCaching() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::NamedIndex index(config);
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& loc = v.directive;
      if (!v.in_document() || !loc.is("location") || !loc.block || loc.args.size() != 2 ||
          (loc.args[0].value != "~" && loc.args[0].value != "~*"))
        return;
      if (asset_extensions(loc.args[1].value) < 2) return;
      // A location snippet: the server it is included in may set what is looked for.
      if (std::none_of(v.parents.begin(), v.parents.end(),
                       [](const nginx::Directive* p) { return p->is("server"); }))
        return;
      for (const nginx::Directive* c : nginx::children_of(config, &loc))
        if (passes(*c) || c->is("expires") || (c->is("include") && c->included.empty())) return;
      for (const nginx::Directive* level : v.parents)
        for (const nginx::Directive* c : nginx::children_of(config, level))
          if (c->is("expires")) return;
      for (const nginx::Directive* h :
           nginx::effective(config, v.parents, &loc, "add_header", &index))
        if (nginx::header_key(*h) == "cache-control") return;
      sink.report(Span{loc.name_span.begin, loc.args.back().span.end},
                  "static assets are served here without `expires` or a Cache-Control "
                  "header: browsers revalidate them on every page view; add `expires 7d;` "
                  "(or `expires max;` for content-hashed file names)");
    });
  }
};

INFRALINT_REGISTER_RULE(StaticAssetsWithoutCaching);

}  // namespace
}  // namespace infralint
