#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`server_tokens on` or `build`, and an `http` block that never sets `server_tokens` (the
default is `on`).

## Why it matters
nginx then names its exact version in the `Server` header and on its error pages, telling an
attacker which published vulnerabilities apply without a single probe.

## Example
```nginx
http {
    server_tokens on;
}
```

## Fixed
```nginx
http {
    server_tokens off;
}
```

Safe fix: the value becomes `off`, or `server_tokens off;` is added at the top of `http`.
)md";

const RuleMeta kMeta{
    .id = "nginx/version-disclosure",
    .title = "nginx discloses its version",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-NGINX-2.1:2.5.1"},
    .aliases = {"gixy:version_disclosure"},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class VersionDisclosure final : public NginxRule {
 public:
  VersionDisclosure() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    bool any = false;
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!d.is("server_tokens") || d.args.size() != 1) return;
      any = true;
      const std::string& value = d.args[0].value;
      if (!v.in_document() || (value != "on" && value != "build")) return;
      sink.report(d.args[0].span,
                  fmt::format("server_tokens {} sends the nginx version in the Server header "
                              "and on error pages; set it to off",
                              value),
                  Fix{"Set server_tokens off", {{d.args[0].span, "off"}}, Applicability::safe});
    });
    if (any || context != nginx::Context::main) return;
    for (const nginx::Directive& http : config.directives) {
      if (!http.is("http") || !http.block || http.close.empty()) continue;
      std::string indent(nginx::indentation_at(doc.text(), http.name_span.begin));
      std::string child = indent + "    ";
      if (!http.children.empty() && !http.children.front().file)
        child =
            std::string(nginx::indentation_at(doc.text(), http.children.front().name_span.begin));
      sink.report(http.name_span,
                  "server_tokens is not set, and its default (on) sends the nginx version in the "
                  "Server header and on error pages; add `server_tokens off;`",
                  Fix{"Add server_tokens off",
                      {{Span{http.terminator.end, http.terminator.end},
                        "\n" + child + "server_tokens off;"}},
                      Applicability::safe});
    }
  }
};

INFRALINT_REGISTER_RULE(VersionDisclosure);

}  // namespace
}  // namespace infralint
