#include <fmt/format.h>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`resolver` pointing at a public DNS service (8.8.8.8, 1.1.1.1, 9.9.9.9, 208.67.222.222, ...).

## Why it matters
nginx's resolver is a simple stub that trusts any answer with a matching ID: across the
Internet, spoofed answers (cache poisoning) can redirect `proxy_pass` traffic. A local
resolver (127.0.0.1, the VPC or cluster DNS) keeps queries off the open network.

## Example
```nginx
resolver 8.8.8.8;
```

## Fixed
```nginx
resolver 127.0.0.53 valid=30s;
```

No automatic fix: the local resolver's address depends on the host.
)md";

const RuleMeta kMeta{
    .id = "nginx/resolver-external",
    .title = "resolver uses a public DNS server",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"gixy:resolver_external"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

bool public_resolver(std::string_view a) {
  auto colon = a.rfind(':');
  if (colon != std::string_view::npos && a.find('.') != std::string_view::npos)
    a = a.substr(0, colon);
  for (std::string_view p : {"8.8.8.8",
                             "8.8.4.4",
                             "1.1.1.1",
                             "1.0.0.1",
                             "9.9.9.9",
                             "149.112.112.112",
                             "208.67.222.222",
                             "208.67.220.220",
                             "64.6.64.6",
                             "64.6.65.6",
                             "4.2.2.1",
                             "4.2.2.2",
                             "77.88.8.8",
                             "77.88.8.1",
                             "94.140.14.14",
                             "2001:4860:4860::8888",
                             "2001:4860:4860::8844",
                             "2606:4700:4700::1111",
                             "[2001:4860:4860::8888]",
                             "[2606:4700:4700::1111]"})
    if (a == p) return true;
  return false;
}

class ResolverExternal final : public NginxRule {
 public:
  ResolverExternal() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("resolver")) return;
      for (const auto& a : d.args)
        if (public_resolver(a.value))
          sink.report(a.span, fmt::format("resolver {} is a public DNS server: answers cross "
                                          "the Internet and can be spoofed; use a local resolver",
                                          a.value));
    });
  }
};

INFRALINT_REGISTER_RULE(ResolverExternal);

}  // namespace
}  // namespace infralint
