#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `add_header` (or `more_set_headers`) value that spans several lines.

## Why it matters
nginx sends the newline as written: the header is folded (obsolete line folding, RFC 7230
§3.2.4), which browsers and proxies reject or parse differently — a long
`Content-Security-Policy` split over lines for readability may be dropped entirely.

## Example
```nginx
add_header Content-Security-Policy "default-src 'self';
    script-src 'self'";
```

## Fixed
```nginx
add_header Content-Security-Policy "default-src 'self'; script-src 'self'";
```

No automatic fix: where the value's spaces belong is for the author to decide.
)md";

const RuleMeta kMeta{
    .id = "nginx/add-header-multiline",
    .title = "Header value spans several lines",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"gixy:add_header_multiline"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class AddHeaderMultiline final : public NginxRule {
 public:
  AddHeaderMultiline() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !(d.is("add_header") || d.is("more_set_headers"))) return;
      for (std::size_t i = d.is("add_header") ? 1 : 0; i < d.args.size(); ++i) {
        if (d.args[i].value.find('\n') == std::string::npos) continue;
        sink.report(d.args[i].span, fmt::format("the value of this header spans several lines: "
                                                "nginx sends the newline (obsolete header "
                                                "folding), which clients may reject"));
        if (d.is("add_header")) break;
      }
    });
  }
};

INFRALINT_REGISTER_RULE(AddHeaderMultiline);

}  // namespace
}  // namespace infralint
