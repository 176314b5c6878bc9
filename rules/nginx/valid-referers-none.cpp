#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`valid_referers` with `none` (or `blocked`).

## Why it matters
`none` accepts requests without a `Referer`, and `blocked` ones whose `Referer` was stripped
by a proxy: exactly what an attacker (or a hot-linking site with `referrerpolicy=no-referrer`)
sends. A referer check with `none` does not protect anything.

## Example
```nginx
valid_referers none server_names *.example.com;
```

## Fixed
```nginx
valid_referers server_names *.example.com;
```

No automatic fix: removing `none` blocks direct visits, which may be intended or not.
)md";

const RuleMeta kMeta{
    .id = "nginx/valid-referers-none",
    .title = "valid_referers trusts requests without a referer",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"gixy:valid_referers"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class ValidReferersNone final : public NginxRule {
 public:
  ValidReferersNone() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("valid_referers")) return;
      for (const auto& a : d.args)
        if (a.value == "none" || a.value == "blocked")
          sink.report(a.span, "valid_referers `" + a.value +
                                  "` accepts requests without a usable Referer, which anyone "
                                  "can send: the referer check protects nothing");
    });
  }
};

INFRALINT_REGISTER_RULE(ValidReferersNone);

}  // namespace
}  // namespace infralint
