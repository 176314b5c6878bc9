#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A regex `location ~ /admin` (or `~*`) with neither `^` at the start nor `$` at the end.

## Why it matters
An unanchored regex matches anywhere in the URI: `location ~ /admin { deny all; }` also
matches `/public/admin-guide.html`, and `location ~ \.php` matches `/x.php.txt` or
`/upload/evil.php/x.jpg`, sending it to the PHP handler.

## Example
```nginx
location ~ \.php {
    fastcgi_pass unix:/run/php/php-fpm.sock;
}
```

## Fixed
```nginx
location ~ \.php$ {
    fastcgi_pass unix:/run/php/php-fpm.sock;
}
```

No automatic fix: whether `^`, `$` or both are meant is a guess.
)md";

const RuleMeta kMeta{
    .id = "nginx/unanchored-regex",
    .title = "Regex location without anchors",
    .severity = Severity::warning,
    .categories = {Category::security, Category::correctness},
    .aliases = {"gixy:unanchored_regex"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class UnanchoredRegex final : public NginxRule {
 public:
  UnanchoredRegex() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("location") || d.args.size() != 2) return;
      if (d.args[0].value != "~" && d.args[0].value != "~*") return;
      const std::string& re = d.args[1].value;
      if (re.empty() || re.front() == '^' || re.back() == '$' || re.starts_with("(?i)^")) return;
      sink.report(d.args[1].span,
                  fmt::format("regex `{}` is not anchored: it matches anywhere in the URI; add "
                              "`^` and/or `$`",
                              re));
    });
  }
};

INFRALINT_REGISTER_RULE(UnanchoredRegex);

}  // namespace
}  // namespace infralint
