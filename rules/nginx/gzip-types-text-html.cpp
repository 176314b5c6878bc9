#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`text/html` listed in `gzip_types`.

## Why it matters
With `gzip on`, nginx always compresses `text/html`: `gzip_types` only adds types to it.
Listing it again makes nginx warn `duplicate MIME type "text/html"` at every start and
reload (`nginx -t` included), which buries warnings that matter.

## Example
```nginx
gzip_types text/html text/css application/javascript;
```

## Fixed
```nginx
gzip_types text/css application/javascript;
```

Fix (safe): removes `text/html` from the list, or the whole directive when it is the only
type (the default then applies, which is `text/html`).
)md";

const RuleMeta kMeta{
    .id = "nginx/gzip-types-text-html",
    .title = "text/html listed in gzip_types",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class GzipTypesTextHtml final : public NginxRule {
 public:
  GzipTypesTextHtml() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("gzip_types")) return;
      for (std::size_t i = 0; i < d.args.size(); ++i) {
        if (d.args[i].value != "text/html") continue;
        Finding& f = sink.report(d.args[i].span,
                                 "text/html is always compressed with gzip on; listing it in "
                                 "gzip_types only makes nginx warn `duplicate MIME type`");
        if (d.args.size() == 1) {
          if (auto lines = nginx::whole_lines(doc.text(), d.span()))
            f.fix = Fix{"Remove gzip_types text/html", {{*lines, ""}}, Applicability::safe};
          continue;
        }
        // From the end of the previous word (or, first, to the next one): one separator goes.
        Span cut = i > 0 ? Span{d.args[i - 1].span.end, d.args[i].span.end}
                         : Span{d.args[i].span.begin, d.args[i + 1].span.begin};
        std::string_view between = doc.text().substr(cut.begin, cut.size());
        if (between.find('#') != std::string_view::npos) continue;  // a comment: keep it
        f.fix = Fix{"Remove text/html from gzip_types", {{cut, ""}}, Applicability::safe};
      }
    });
  }
};

INFRALINT_REGISTER_RULE(GzipTypesTextHtml);

}  // namespace
}  // namespace infralint
