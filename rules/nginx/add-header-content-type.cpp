#include <fmt/format.h>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`add_header Content-Type ...`.

## Why it matters
nginx always sends a `Content-Type` (from `types` or `default_type`); `add_header` adds a
second one. Clients pick either, so the type is unreliable, and `X-Content-Type-Options:
nosniff` can then block the response. `default_type` sets the one header nginx sends.

## Example
```nginx
location /health {
    return 200 "healthy\n";
    add_header Content-Type text/plain;
}
```

## Fixed
```nginx
location /health {
    return 200 "healthy\n";
    default_type text/plain;
}
```

Safe fix: the `add_header` becomes `default_type`. When it was the only `add_header` of its
block and an enclosing level sets headers, the block starts inheriting those headers (usually
what was wanted), so the fix is then marked unsafe.
)md";

const RuleMeta kMeta{
    .id = "nginx/add-header-content-type",
    .title = "Content-Type set with add_header",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"gixy:add_header_content_type"},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class AddHeaderContentType final : public NginxRule {
 public:
  AddHeaderContentType() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("add_header") || d.args.size() < 2 ||
          nginx::header_key(d) != "content-type" || v.context == nginx::Context::if_in_location)
        return;
      const nginx::Directive* block = v.parents.empty() ? nullptr : v.parents.back();
      std::size_t siblings = 0;
      for (const nginx::Directive* s : nginx::children_of(config, block))
        siblings += s->is("add_header");
      Applicability how = Applicability::safe;
      if (siblings == 1 && block) {
        std::vector<const nginx::Directive*> above(v.parents.begin(), v.parents.end() - 1);
        if (!nginx::effective(config, above, above.empty() ? nullptr : above.back(), "add_header")
                 .empty())
          how = Applicability::unsafe;
      }
      std::string value(doc.slice(d.args[1].span));
      sink.report(
          d.span(),
          "add_header Content-Type sends a second Content-Type next to nginx's own; use "
          "`default_type`",
          Fix{"Use default_type", {{d.span(), fmt::format("default_type {};", value)}}, how});
    });
  }
};

INFRALINT_REGISTER_RULE(AddHeaderContentType);

}  // namespace
}  // namespace infralint
