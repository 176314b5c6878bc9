#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `stub_status` page that anyone can read: the location (or the nearest enclosing level whose
`allow`/`deny` list applies to it — nginx inherits that list only into blocks that set none)
has no `deny all;`, and no `auth_basic`/`auth_request` guards it.

## Why it matters
The status page shows connection counts and request rates: reconnaissance for an attacker
timing a denial of service, and a signal of how loaded the server is.

## Example
```nginx
location = /nginx_status {
    stub_status;
}
```

## Fixed
```nginx
location = /nginx_status {
    stub_status;
    allow 127.0.0.1;
    deny all;
}
```

No automatic fix: which addresses may read the page is the operator's call.
)md";

const RuleMeta kMeta{
    .id = "nginx/status-page-exposed",
    .title = "stub_status page readable by anyone",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"gixy:status_page_exposed"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class StatusPageExposed final : public NginxRule {
 public:
  StatusPageExposed() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("stub_status")) return;
      if (!d.args.empty() && d.args[0].value == "off") return;
      // The blocks from the innermost outwards; the first that has allow/deny rules decides.
      std::vector<const nginx::Directive*> levels(v.parents.rbegin(), v.parents.rend());
      levels.push_back(nullptr);
      for (const nginx::Directive* level : levels) {
        bool has_rules = false;
        for (const nginx::Directive* c : nginx::children_of(config, level)) {
          if (c->is("auth_basic") && !c->args.empty() && c->args[0].value != "off") return;
          if (c->is("auth_request") && !c->args.empty() && c->args[0].value != "off") return;
          if (c->is("include") && c->included.empty()) return;  // unreadable: unknown
          if (c->is("allow") || c->is("deny")) has_rules = true;
          if (c->is("deny") && !c->args.empty() && c->args[0].value == "all") return;
        }
        if (has_rules) break;
      }
      // A snippet linted alone may sit in a protected block of the main configuration.
      if (context != nginx::Context::main && context != nginx::Context::http) return;
      sink.report(d.span(),
                  "this stub_status page is readable by anyone: no `deny all;` applies here; "
                  "add `allow <monitoring address>;` and `deny all;` to the location");
    });
  }
};

INFRALINT_REGISTER_RULE(StatusPageExposed);

}  // namespace
}  // namespace infralint
