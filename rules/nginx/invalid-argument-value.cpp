#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An argument outside the values a directive accepts: `gzip_proxied must-revalidate`,
`ssl_protocols TLSv1.4`, `proxy_http_version 2.0`, or a word other than `on`/`off` for a flag
(`gzip yes;`).

## Why it matters
`nginx -t` fails with `invalid value "..."` and nginx does not start or reload. Such values
are often copied from HTTP header syntax (`Cache-Control: must-revalidate, max-age=0`), where
they mean something else.

## Example
```nginx
gzip_proxied expired no-cache no-store private must-revalidate max-age=0;
```

## Fixed
```nginx
gzip_proxied expired no-cache no-store private;
```

Safe fix: the invalid value is removed when valid ones remain (nginx could not have run with
it, so nothing relied on it). No fix when every value is invalid, or for flags.
)md";

const RuleMeta kMeta{
    .id = "nginx/invalid-argument-value",
    .title = "Invalid argument value",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

class InvalidArgumentValue final : public NginxRule {
 public:
  InvalidArgumentValue() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      if (!v.in_document() || v.context == nginx::Context::opaque) return;
      const nginx::Directive& d = v.directive;
      const nginx::DirectiveSpec* spec = nullptr;
      for (const auto& s : nginx::directive_specs(d.name))
        if ((s.contexts & static_cast<std::uint32_t>(v.context)) &&
            ((s.args & nginx::kBlock) != 0) == d.block)
          spec = &s;
      if (!spec) return;
      if ((spec->args & nginx::kFlag) && d.args.size() == 1 && !nginx::arguments_fit(*spec, d)) {
        sink.report(d.args[0].span,
                    fmt::format("invalid value \"{}\" in \"{}\" directive, it must be \"on\" or "
                                "\"off\"",
                                d.args[0].value, d.name));
        return;
      }
      if (spec->check != nginx::ValueCheck::one_of) return;
      const std::vector<std::string_view> values = spec->value_list();
      auto valid = [&](const nginx::Arg& a) {
        return std::any_of(values.begin(), values.end(),
                           [&](std::string_view ok) { return iequals(ok, a.value); });
      };
      std::size_t valid_count = std::count_if(d.args.begin(), d.args.end(), valid);
      for (std::size_t i = 0; i < d.args.size(); ++i) {
        const nginx::Arg& a = d.args[i];
        if (valid(a)) continue;
        std::string message =
            fmt::format("invalid value \"{}\" in \"{}\" directive: nginx accepts only {}", a.value,
                        d.name, fmt::join(values, ", "));
        if (valid_count == 0) {
          sink.report(a.span, message);
          continue;
        }
        // Remove the word with the whitespace before it (after it, for the first word), unless
        // that whitespace holds a comment.
        Span removal = i > 0 ? Span{d.args[i - 1].span.end, a.span.end}
                             : Span{a.span.begin, d.args[1].span.begin};
        Span gap = i > 0 ? Span{removal.begin, a.span.begin} : Span{a.span.end, removal.end};
        bool next_also_removed = i == 0 && !valid(d.args[1]);
        if (next_also_removed || doc.slice(gap).find('#') != std::string_view::npos) {
          sink.report(a.span, message);
          continue;
        }
        sink.report(
            a.span, message,
            Fix{fmt::format("Remove \"{}\"", a.value), {{removal, ""}}, Applicability::safe});
      }
    });
  }
};

INFRALINT_REGISTER_RULE(InvalidArgumentValue);

}  // namespace
}  // namespace infralint
