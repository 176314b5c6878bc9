#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A prefix `location` without a trailing slash whose `alias` ends with one:
`location /files { alias /srv/files/; }`.

## Why it matters
`/files../secret` matches the location, and nginx maps it to `/srv/files/../secret`: any file
of the parent directory is served (path traversal; found this way in many production sites).

## Example
```nginx
location /static {
    alias /srv/app/static/;
}
```

## Fixed
```nginx
location /static/ {
    alias /srv/app/static/;
}
```

Unsafe fix: the location gets the trailing slash, so `/static` itself no longer matches it.
)md";

const RuleMeta kMeta{
    .id = "nginx/alias-traversal",
    .title = "alias allows path traversal",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"gixy:alias_traversal"},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class AliasTraversal final : public NginxRule {
 public:
  AliasTraversal() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("alias") || d.args.size() != 1 || v.parents.empty()) return;
      const nginx::Directive& loc = *v.parents.back();
      if (!loc.is("location") || loc.file) return;
      const nginx::Arg* path = nullptr;
      if (loc.args.size() == 1)
        path = &loc.args[0];
      else if (loc.args.size() == 2 && loc.args[0].value == "^~")
        path = &loc.args[1];
      if (!path || path->value.empty() || path->value.back() == '/' || path->value.front() == '@' ||
          !d.args[0].value.ends_with("/"))
        return;
      Finding& f = sink.report(
          path->span,
          fmt::format("location `{}` has no trailing slash but its alias `{}` has: `{}../` "
                      "reaches the parent directory of the alias",
                      path->value, d.args[0].value, path->value));
      f.related.push_back({d.args[0].span, "the alias"});
      Span end{path->inner().end, path->inner().end};
      f.fix = Fix{"Add a trailing slash to the location", {{end, "/"}}, Applicability::unsafe};
    });
  }
};

INFRALINT_REGISTER_RULE(AliasTraversal);

}  // namespace
}  // namespace infralint
