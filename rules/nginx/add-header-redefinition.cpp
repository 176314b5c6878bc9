#include <fmt/format.h>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A block (`server`, `location`, `if`) with its own `add_header` below a level that also sets
headers. nginx inherits `add_header` only when a block sets none: one `add_header` in a nested
location silently drops every header set above it, typically the security headers.

## Why it matters
The static-asset location that adds `Cache-Control` stops sending
`Strict-Transport-Security`, `Content-Security-Policy` and `X-Frame-Options` for exactly the
responses (scripts, styles) where they matter. Nothing warns: `nginx -t` is happy.

## Example
```nginx
server {
    add_header X-Frame-Options DENY always;
    location /static/ {
        add_header Cache-Control "public, immutable";
    }
}
```

## Fixed
```nginx
server {
    add_header X-Frame-Options DENY always;
    location /static/ {
        add_header X-Frame-Options DENY always;
        add_header Cache-Control "public, immutable";
    }
}
```

Unsafe fix: the lost headers are repeated in the block, before its first `add_header` (a
deprecated `X-XSS-Protection` is not repeated). It changes the responses, which is the point,
but review it. With nginx ≥ 1.29.3, `add_header_inherit merge;` in the block is the
alternative; blocks that use it are not reported.
)md";

const RuleMeta kMeta{
    .id = "nginx/add-header-redefinition",
    .title = "add_header in a nested block drops the inherited headers",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"gixy:add_header_redefinition"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

std::string block_name(const nginx::Directive* d) {
  if (!d) return "top level of the file";
  std::string out(d->name);
  for (const auto& a : d->args) out += " " + a.value;
  return "`" + out + "` block";
}

class AddHeaderRedefinition final : public NginxRule {
 public:
  AddHeaderRedefinition() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    for (const nginx::Redefinition& r : nginx::redefinitions(config, context, "add_header")) {
      std::vector<std::string> names;
      std::vector<const nginx::Directive*> repeat;
      for (const nginx::Directive* d : r.lost) {
        names.push_back(d->args.empty() ? std::string() : d->args[0].value);
        if (nginx::header_key(*d) != "x-xss-protection") repeat.push_back(d);
      }
      const nginx::Directive& first = *r.own.front();
      Finding& f = sink.report(
          first.span(),
          fmt::format("this add_header drops the {} header{} set in the {}: {}; nginx inherits "
                      "add_header only into blocks that set none",
                      names.size(), names.size() == 1 ? "" : "s", block_name(r.parent),
                      fmt::join(names, ", ")));
      for (const nginx::Directive* d : r.lost)
        if (!d->file)
          f.related.push_back(
              {d->span(), fmt::format("`{}` is not sent for responses of this block",
                                      d->args.empty() ? "" : d->args[0].value)});
      if (repeat.empty()) continue;
      f.fix = Fix{"Repeat the inherited headers in this block",
                  {{Span{first.name_span.begin, first.name_span.begin},
                    nginx::repeat_before(doc, first, repeat)}},
                  Applicability::unsafe};
    }
  }
};

INFRALINT_REGISTER_RULE(AddHeaderRedefinition);

}  // namespace
}  // namespace infralint
