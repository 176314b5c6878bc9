#include <fmt/format.h>

#include <algorithm>

#include "core/spelling.hpp"
#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A directive nginx does not know: a misspelling (`proxy_set_headers`), a directive of a module
your nginx is not built with, or an NGINX Plus directive in an open-source configuration.

## Why it matters
`nginx -t` fails with `unknown directive`, and nginx refuses to start or reload: the whole
configuration, not just this line, is rejected.

## Example
```nginx
location / {
    proxy_set_headers Host $host;
}
```

## Fixed
```nginx
location / {
    proxy_set_header Host $host;
}
```

No automatic fix: a suggestion is given when a known directive is one or two edits away.
Directives of lua-nginx-module and headers-more are known; those of other third-party modules
are reported, since a stock nginx rejects them.
)md";

const RuleMeta kMeta{
    .id = "nginx/unknown-directive",
    .title = "Unknown nginx directive",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

std::string suggestion(std::string_view name) {
  std::string_view best;
  std::size_t best_distance = 3;
  for (std::string_view known : nginx::known_directive_names()) {
    std::size_t d = edit_distance_at_most(name, known, best_distance - 1);
    if (d < best_distance) {
      best_distance = d;
      best = known;
    }
  }
  return best.empty() ? std::string() : fmt::format("; did you mean `{}`?", best);
}

class UnknownDirective final : public NginxRule {
 public:
  UnknownDirective() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      if (!v.in_document() || v.context == nginx::Context::opaque) return;
      const auto& specs = nginx::directive_specs(v.directive.name);
      if (specs.empty()) {
        sink.report(v.directive.name_span,
                    fmt::format("unknown directive \"{}\": nginx -t rejects the configuration{}",
                                v.directive.name, suggestion(v.directive.name)));
      } else if (std::all_of(specs.begin(), specs.end(),
                             [](const nginx::DirectiveSpec& s) { return s.module == "plus"; })) {
        sink.report(v.directive.name_span,
                    fmt::format("\"{}\" is an NGINX Plus directive: open-source nginx rejects it "
                                "as an unknown directive",
                                v.directive.name));
      }
    });
  }
};

INFRALINT_REGISTER_RULE(UnknownDirective);

}  // namespace
}  // namespace infralint
