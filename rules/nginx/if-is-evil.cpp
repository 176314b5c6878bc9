#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `if` inside a `location` whose body does more than `return ...;` or `rewrite ... last;`
(`add_header`, `proxy_pass`, `try_files`, `set`, ...).

## Why it matters
Inside a location, `if` creates a nested pseudo-location: other directives in its body are
applied in surprising ways or silently ignored (`try_files` is dropped, `add_header` replaces
the location's headers, a `proxy_pass` inherits oddly). nginx's wiki page "If is evil" lists
the cases, some of which crashed older versions.

## Example
```nginx
location / {
    if ($request_method = POST) {
        add_header X-Post 1;
    }
}
```

## Fixed
```nginx
map $request_method $post_header {
    POST 1;
}
location / {
    add_header X-Post $post_header;
}
```

No automatic fix: the usual rewrite is a `map`, which needs a name.
)md";

const RuleMeta kMeta{
    .id = "nginx/if-is-evil",
    .title = "if in location does more than return or rewrite",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"gixy:if_is_evil"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

bool safe_inside_if(const nginx::Directive& d) {
  if (d.is("return")) return true;
  if (d.is("rewrite"))
    return !d.args.empty() && (d.args.back().value == "last" || d.args.back().value == "redirect" ||
                               d.args.back().value == "permanent");
  return false;
}

class IfIsEvil final : public NginxRule {
 public:
  IfIsEvil() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || v.context != nginx::Context::if_in_location || safe_inside_if(d))
        return;
      if (d.is("set") || d.is("break")) return;  // rewrite-module directives run safely
      sink.report(d.span(),
                  fmt::format("`{}` inside `if` in a location: only `return` and `rewrite ... "
                              "last` are safe there (\"if is evil\"); use a map or a separate "
                              "location",
                              d.name));
    });
  }
};

INFRALINT_REGISTER_RULE(IfIsEvil);

}  // namespace
}  // namespace infralint
