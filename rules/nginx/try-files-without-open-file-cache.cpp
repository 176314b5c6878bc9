#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`try_files` where no `open_file_cache` is in effect.

## Why it matters
Every request runs one `stat()` per `try_files` candidate (`$uri`, `$uri/`, ...) before
falling back: on a busy server with a SPA fallback, most requests stat two or three missing
paths. `open_file_cache` caches these lookups (including misses with
`open_file_cache_errors on`).

## Example
```nginx
location / {
    try_files $uri $uri/ /index.html;
}
```

## Fixed
```nginx
open_file_cache max=10000 inactive=30s;
open_file_cache_errors on;
location / {
    try_files $uri $uri/ /index.html;
}
```

No automatic fix: cache size depends on the site.
)md";

const RuleMeta kMeta{
    .id = "nginx/try-files-without-open-file-cache",
    .title = "try_files without open_file_cache",
    .severity = Severity::info,
    .categories = {Category::performance},
    .aliases = {"gixy:try_files_is_evil_too"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class TryFilesWithoutOpenFileCache final : public NginxRule {
 public:
  TryFilesWithoutOpenFileCache() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    // Only a complete configuration shows whether a cache is set somewhere above.
    if (context != nginx::Context::main) return;
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("try_files")) return;
      std::vector<const nginx::Directive*> chain(v.parents.begin(), v.parents.end());
      for (std::size_t i = chain.size(); i-- > 0;) {
        for (const nginx::Directive* c : nginx::children_of(config, chain[i]))
          if (c->is("open_file_cache")) {
            if (!c->args.empty() && c->args[0].value == "off") break;
            return;
          }
      }
      sink.report(d.span(),
                  "try_files stats every candidate on every request and no "
                  "open_file_cache is set: add `open_file_cache max=10000 "
                  "inactive=30s;` at http level");
    });
  }
};

INFRALINT_REGISTER_RULE(TryFilesWithoutOpenFileCache);

}  // namespace
}  // namespace infralint
