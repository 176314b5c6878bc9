#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A block with `allow`/`deny` rules that also answers with `return` (or `rewrite ... redirect`
or `permanent`).

## Why it matters
nginx runs the rewrite phase (`return`, `rewrite`) before the access phase (`allow`, `deny`):
the response is sent before the access rules are ever checked, so they protect nothing.

## Example
```nginx
location /status {
    allow 10.0.0.0/8;
    deny all;
    return 200 "ok";
}
```

## Fixed
```nginx
location /status {
    allow 10.0.0.0/8;
    deny all;
    stub_status;
}
```

No automatic fix: what should answer instead depends on the intent.
)md";

const RuleMeta kMeta{
    .id = "nginx/return-bypasses-allow-deny",
    .title = "return runs before allow/deny",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"gixy:return_bypasses_allow_deny"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class ReturnBypassesAllowDeny final : public NginxRule {
 public:
  ReturnBypassesAllowDeny() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document()) return;
      bool answers = d.is("return") ||
                     (d.is("rewrite") && !d.args.empty() &&
                      (d.args.back().value == "redirect" || d.args.back().value == "permanent"));
      if (!answers) return;
      const nginx::Directive* block = v.parents.empty() ? nullptr : v.parents.back();
      if (block && (block->is("if") || block->is("limit_except"))) return;
      for (const nginx::Directive* s : nginx::children_of(config, block))
        if (s->is("allow") || s->is("deny")) {
          Finding& f = sink.report(d.span(),
                                   "this answers in the rewrite phase, before the "
                                   "access phase checks allow/deny: the access rules "
                                   "of this block never apply");
          if (!s->file) f.related.push_back({s->span(), "never checked"});
          return;
        }
    });
  }
};

INFRALINT_REGISTER_RULE(ReturnBypassesAllowDeny);

}  // namespace
}  // namespace infralint
