#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`gzip on;` in a complete configuration where no `gzip_types` is in effect (none at the same
level or above it).

Snippets are not judged: their `http` level, where `gzip_types` usually sits, is in another
file. `gzip_min_length` is not reported: its default (20 bytes) compresses tiny responses
for little gain, but costs only CPU, and no value suits every site.

## Why it matters
`gzip_types` defaults to `text/html` alone: CSS, JavaScript, JSON, SVG and plain text —
usually most of the bytes a site sends — go uncompressed, although `gzip on` suggests
otherwise.

## Example
```nginx
http {
    gzip on;
}
```

## Fixed
```nginx
http {
    gzip on;
    gzip_types text/css text/plain text/xml application/javascript application/json image/svg+xml;
}
```

Fix (unsafe): adds that `gzip_types` line after `gzip on`. Unsafe because compressing
responses that mix secrets with attacker-controlled text (JSON APIs behind cookies) exposes
them to BREACH-style attacks; such locations should keep `gzip off`.
)md";

const RuleMeta kMeta{
    .id = "nginx/gzip-without-types",
    .title = "gzip on compresses only text/html",
    .severity = Severity::info,
    .categories = {Category::performance, Category::cost},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

constexpr std::string_view kTypes =
    "gzip_types text/css text/plain text/xml application/javascript application/json "
    "image/svg+xml;";

class GzipWithoutTypes final : public NginxRule {
 public:
  GzipWithoutTypes() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    if (context != nginx::Context::main) return;
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("gzip") || d.args.size() != 1 || d.args[0].value != "on")
        return;
      for (const nginx::Directive* level : v.parents)
        for (const nginx::Directive* c : nginx::children_of(config, level))
          if (c->is("gzip_types")) return;
      Finding& f = sink.report(d.span(),
                               "gzip on without gzip_types compresses only text/html: CSS, "
                               "JavaScript, JSON and SVG go uncompressed; add `gzip_types "
                               "text/css application/javascript application/json ...;`");
      // After the line of `gzip on` (and its comment), when nothing else follows it there.
      auto eol = nginx::line_end_after(doc.text(), d.span());
      if (!eol) return;
      std::string indent(nginx::indentation_at(doc.text(), d.name_span.begin));
      f.fix = Fix{"Add gzip_types", {{Span{*eol, *eol}, "\n" + indent + std::string(kTypes)}},
                  Applicability::unsafe};
    });
  }
};

INFRALINT_REGISTER_RULE(GzipWithoutTypes);

}  // namespace
}  // namespace infralint
