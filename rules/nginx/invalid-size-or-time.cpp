#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A size or time argument nginx cannot read: `client_max_body_size 10MB` (only `k`, `m`, `g`
suffixes exist), `keepalive_timeout 1min`, `proxy_read_timeout 30 s`, `send_timeout 1.5s`.

## Why it matters
`nginx -t` fails with `"..." directive invalid value` and nginx does not start or reload.

## Example
```nginx
client_max_body_size 10MB;
proxy_read_timeout 2min;
```

## Fixed
```nginx
client_max_body_size 10m;
proxy_read_timeout 2m;
```

Sizes: a number with an optional `k`, `m` or `g` suffix. Times: numbers with units `ms`, `s`,
`m`, `h`, `d`, `w`, `M`, `y` from largest to smallest (`1h30m`); a bare number is seconds.
No automatic fix: the intended unit is a guess.
)md";

const RuleMeta kMeta{
    .id = "nginx/invalid-size-or-time",
    .title = "Invalid size or time literal",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class InvalidSizeOrTime final : public NginxRule {
 public:
  InvalidSizeOrTime() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      if (!v.in_document() || v.context == nginx::Context::opaque) return;
      const nginx::Directive& d = v.directive;
      const auto& specs = nginx::directive_specs(d.name);
      if (specs.empty()) return;
      nginx::ValueCheck check = specs.front().check;
      if (check != nginx::ValueCheck::size && check != nginx::ValueCheck::time) return;
      for (const nginx::Arg& a : d.args) {
        if (a.value.find('$') != std::string::npos) continue;
        if (check == nginx::ValueCheck::size && !nginx::valid_size(a.value))
          sink.report(a.span, fmt::format("invalid size \"{}\" in \"{}\": write a number with an "
                                          "optional k, m or g suffix (e.g. 10m)",
                                          a.value, d.name));
        if (check == nginx::ValueCheck::time && !nginx::valid_time(a.value))
          sink.report(a.span, fmt::format("invalid time \"{}\" in \"{}\": write numbers with the "
                                          "units ms, s, m, h, d, w, M, y (e.g. 30s, 1h30m)",
                                          a.value, d.name));
      }
    });
  }
};

INFRALINT_REGISTER_RULE(InvalidSizeOrTime);

}  // namespace
}  // namespace infralint
