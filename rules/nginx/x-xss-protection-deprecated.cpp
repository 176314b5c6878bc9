#include <fmt/format.h>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`add_header X-XSS-Protection ...`.

## Why it matters
Browsers removed the XSS auditor this header controlled (Chrome 78, Edge, Firefox never had
it); where it still has an effect, `1; mode=block` has been used to leak data across origins.
OWASP recommends not sending it (or `0`), and relying on `Content-Security-Policy`.

## Example
```nginx
add_header X-XSS-Protection "1; mode=block";
```

## Fixed
```nginx
```

Safe fix: the line is removed. When it is the only `add_header` of its block and an enclosing
level sets headers, removing it makes the block inherit those headers, so the fix is then
marked unsafe.
)md";

const RuleMeta kMeta{
    .id = "nginx/x-xss-protection-deprecated",
    .title = "Deprecated X-XSS-Protection header",
    .severity = Severity::info,
    .categories = {Category::security},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class XXssProtectionDeprecated final : public NginxRule {
 public:
  XXssProtectionDeprecated() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("add_header") || d.block ||
          nginx::header_key(d) != "x-xss-protection")
        return;
      const nginx::Directive* block = v.parents.empty() ? nullptr : v.parents.back();
      std::vector<const nginx::Directive*> siblings;
      for (const nginx::Directive* s : nginx::children_of(config, block))
        if (s->is("add_header")) siblings.push_back(s);
      Applicability how = Applicability::safe;
      if (siblings.size() == 1 && block) {
        std::vector<const nginx::Directive*> above(v.parents.begin(), v.parents.end() - 1);
        if (!nginx::effective(config, above, above.empty() ? nullptr : above.back(), "add_header")
                 .empty())
          how = Applicability::unsafe;
      }
      Span removal = nginx::whole_lines(doc.text(), d.span()).value_or(d.span());
      sink.report(d.span(),
                  "X-XSS-Protection is deprecated: browsers dropped the XSS auditor and "
                  "`1; mode=block` can leak data; remove it and rely on Content-Security-Policy",
                  Fix{"Remove the X-XSS-Protection header", {{removal, ""}}, how});
    });
  }
};

INFRALINT_REGISTER_RULE(XXssProtectionDeprecated);

}  // namespace
}  // namespace infralint
