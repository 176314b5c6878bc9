#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A prefix `location` ending with `/` whose `alias` does not: `location /img/ { alias
/srv/images; }`.

## Why it matters
nginx replaces the location prefix by the alias verbatim: `/img/a.png` becomes
`/srv/imagesa.png`, so every file is "not found" — or, worse, a sibling such as
`/srv/images-private/` is served for `/img/-private/...`.

## Example
```nginx
location /img/ {
    alias /srv/images;
}
```

## Fixed
```nginx
location /img/ {
    alias /srv/images/;
}
```

Unsafe fix: a `/` is appended to the alias.
)md";

const RuleMeta kMeta{
    .id = "nginx/alias-missing-trailing-slash",
    .title = "alias without the trailing slash of its location",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::security},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class AliasMissingTrailingSlash final : public NginxRule {
 public:
  AliasMissingTrailingSlash() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("alias") || d.args.size() != 1 || v.parents.empty()) return;
      const nginx::Directive& loc = *v.parents.back();
      const nginx::Arg* path = nullptr;
      if (loc.is("location") && loc.args.size() == 1) path = &loc.args[0];
      if (loc.is("location") && loc.args.size() == 2 && loc.args[0].value == "^~")
        path = &loc.args[1];
      const std::string& alias = d.args[0].value;
      if (!path || !path->value.ends_with("/") || alias.empty() || alias.ends_with("/") ||
          alias.find('$') != std::string::npos)
        return;
      Span end{d.args[0].inner().end, d.args[0].inner().end};
      sink.report(d.args[0].span,
                  fmt::format("location `{}` ends with `/` but alias `{}` does not: `{}x` maps "
                              "to `{}x`",
                              path->value, alias, path->value, alias),
                  Fix{"Add a trailing slash to the alias", {{end, "/"}}, Applicability::unsafe});
    });
  }
};

INFRALINT_REGISTER_RULE(AliasMissingTrailingSlash);

}  // namespace
}  // namespace infralint
