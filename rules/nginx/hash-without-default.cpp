#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `map` with two or more entries, or a `geo`, without a `default`.

## Why it matters
Unmatched keys get an empty value, which is rarely what the author had in mind: an empty
`$backend` makes `proxy_pass http://$backend` fail, an empty `$allowed` passes an `if` check
written for `0`. Spelling out the default shows the intent.

## Example
```nginx
map $http_origin $cors_origin {
    https://app.example.com $http_origin;
    https://admin.example.com $http_origin;
}
```

## Fixed
```nginx
map $http_origin $cors_origin {
    default "";
    https://app.example.com $http_origin;
    https://admin.example.com $http_origin;
}
```

No automatic fix: the right default depends on the use.
)md";

const RuleMeta kMeta{
    .id = "nginx/hash-without-default",
    .title = "map or geo without a default",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .aliases = {"gixy:hash_without_default"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class HashWithoutDefault final : public NginxRule {
 public:
  HashWithoutDefault() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.block || !(d.is("map") || d.is("geo"))) return;
      std::size_t entries = 0;
      bool has_default = false, has_include = false;
      for (const nginx::Directive* e : nginx::children_of(config, &d)) {
        if (e->is("default"))
          has_default = true;
        else if (e->is("include"))
          has_include = true;
        else if (!e->is("hostnames") && !e->is("volatile") && !e->is("ranges") && !e->is("proxy") &&
                 !e->is("delete"))
          ++entries;
      }
      if (has_default || has_include || (d.is("map") && entries < 2)) return;
      sink.report(d.name_span,
                  fmt::format("{} `{}` has no `default`: unmatched values give an empty string",
                              d.name, d.args.empty() ? "" : d.args.back().value));
    });
  }
};

INFRALINT_REGISTER_RULE(HashWithoutDefault);

}  // namespace
}  // namespace infralint
