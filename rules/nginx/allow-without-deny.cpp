#include <set>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A block with `allow` rules but no `deny all;` after them (in the block or inherited).

## Why it matters
`allow` on its own restricts nothing: nginx's default is to allow, so every address not
listed is allowed too. The block looks protected and is not.

## Example
```nginx
location /admin/ {
    allow 10.0.0.0/8;
}
```

## Fixed
```nginx
location /admin/ {
    allow 10.0.0.0/8;
    deny all;
}
```

No automatic fix: review whether `deny all` is what you intended (with `satisfy any`, an
authentication directive may be the other half).
)md";

const RuleMeta kMeta{
    .id = "nginx/allow-without-deny",
    .title = "allow without deny all",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"gixy:allow_without_deny"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

bool denies_all(const std::vector<const nginx::Directive*>& list) {
  for (const nginx::Directive* d : list)
    if (d->is("deny") && !d->args.empty() && d->args[0].value == "all") return true;
  return false;
}

class AllowWithoutDeny final : public NginxRule {
 public:
  AllowWithoutDeny() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    std::set<const nginx::Directive*> reported;  // one finding per block
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("allow") || d.args.empty() || d.args[0].value == "all") return;
      const nginx::Directive* block = v.parents.empty() ? nullptr : v.parents.back();
      if (denies_all(nginx::children_of(config, block)) || !reported.insert(block).second) return;
      sink.report(d.span(),
                  "`allow` without `deny all;` restricts nothing: every other "
                  "address is allowed by default");
    });
  }
};

INFRALINT_REGISTER_RULE(AllowWithoutDeny);

}  // namespace
}  // namespace infralint
