#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A regex `location ~ /admin` (or `~*`) with neither `^` at the start nor `$` at the end.

## Why it matters
An unanchored regex matches anywhere in the URI: `location ~ /admin { auth_basic "admin"; ... }` also
matches `/public/admin-guide.html`, and `location ~ \.php` matches `/x.php.txt` or
`/upload/evil.php/x.jpg`, sending it to the PHP handler.

## Example
```nginx
location ~ \.php {
    fastcgi_pass unix:/run/php/php-fpm.sock;
}
```

Regexes with an anchor anywhere (`\.php(/|$)`) and locations that only deny (`location ~ /\.
{ deny all; }`, where matching anywhere is the point) are not reported.

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

// An anchor anywhere (`\.php(/|$)`, `(^|/)\.`) shows the author thought about it; `^` inside
// a character class is a negation, not an anchor.
bool anchored(std::string_view re) {
  for (std::size_t i = 0; i < re.size(); ++i) {
    if (re[i] == '\\') {
      ++i;
      continue;
    }
    if (re[i] == '$') return true;
    if (re[i] == '^' && (i == 0 || re[i - 1] != '[')) return true;
  }
  return false;
}

// `location ~ /\. { deny all; }` is meant to match anywhere: blocking more is the point.
bool only_blocks(const nginx::Config& config, const nginx::Directive& location) {
  for (const nginx::Directive* d : nginx::children_of(config, &location)) {
    if (d->is("deny") && !d->args.empty() && d->args[0].value == "all") return true;
    if (d->is("return") && !d->args.empty() &&
        (d->args[0].value.starts_with("4") || d->args[0].value == "444"))
      return true;
  }
  return false;
}

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
      if (re.empty() || anchored(re) || only_blocks(config, d)) return;
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
