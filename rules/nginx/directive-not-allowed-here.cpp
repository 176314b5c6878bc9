#include <fmt/format.h>

#include <algorithm>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A directive in a context nginx does not accept it in: `proxy_pass` at server level,
`gzip` inside `upstream`, `listen` inside `location`, `server` at the top of nginx.conf.

## Why it matters
`nginx -t` fails with `"..." directive is not allowed here` and nginx does not start or
reload.

## Example
```nginx
server {
    listen 80;
    proxy_pass http://backend;
}
```

## Fixed
```nginx
server {
    listen 80;
    location / {
        proxy_pass http://backend;
    }
}
```

No automatic fix: where the directive belongs depends on intent. A file without `http` or
`events` at top level is a snippet and is checked in the context it is written for (`server`
blocks at the top of conf.d/*.conf are checked as if inside `http`).
)md";

const RuleMeta kMeta{
    .id = "nginx/directive-not-allowed-here",
    .title = "Directive not allowed in this context",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class DirectiveNotAllowedHere final : public NginxRule {
 public:
  DirectiveNotAllowedHere() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      if (!v.in_document() || v.context == nginx::Context::opaque) return;
      const auto& specs = nginx::directive_specs(v.directive.name);
      if (specs.empty()) return;
      std::uint32_t allowed = 0;
      for (const auto& s : specs) allowed |= s.contexts;
      if (allowed & static_cast<std::uint32_t>(v.context)) return;
      sink.report(v.directive.name_span,
                  fmt::format("\"{}\" directive is not allowed here (in {}); nginx accepts it in: "
                              "{}",
                              v.directive.name, nginx::to_string(v.context),
                              nginx::describe_contexts(allowed)));
    });
  }
};

INFRALINT_REGISTER_RULE(DirectiveNotAllowedHere);

}  // namespace
}  // namespace infralint
