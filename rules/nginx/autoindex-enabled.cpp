#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`autoindex on;`

## Why it matters
Directory listings show every file of the directory, including backups, dumps and
configuration files nobody meant to publish, and make them easy to crawl.

## Example
```nginx
location /files/ {
    autoindex on;
}
```

## Fixed
```nginx
location /files/ {
    autoindex off;
}
```

No automatic fix: a listing may be intended (a mirror, a download area); suppress the
finding there with a reason.
)md";

const RuleMeta kMeta{
    .id = "nginx/autoindex-enabled",
    .title = "Directory listing enabled",
    .severity = Severity::warning,
    .categories = {Category::security},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class AutoindexEnabled final : public NginxRule {
 public:
  AutoindexEnabled() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (v.in_document() && d.is("autoindex") && d.args.size() == 1 && d.args[0].value == "on")
        sink.report(d.span(), "autoindex on lists every file of the directory to anyone");
    });
  }
};

INFRALINT_REGISTER_RULE(AutoindexEnabled);

}  // namespace
}  // namespace infralint
