#include <fmt/format.h>

#include <algorithm>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A directive with a number of arguments nginx does not accept (`add_header X-Frame-Options;`),
a block directive without its `{` (`location /api;`), or a simple directive followed by `{`,
which is how a missing `;` usually shows: the next line's words become arguments.

## Why it matters
`nginx -t` fails (`invalid number of arguments in "..." directive`, `directive "..." has no
opening "{"`, `"..." directive is not terminated by ";"`) and nginx does not start or reload.

## Example
```nginx
location / {
    proxy_pass http://backend
    proxy_set_header Host $host;
}
```

## Fixed
```nginx
location / {
    proxy_pass http://backend;
    proxy_set_header Host $host;
}
```

No automatic fix: where the `;` was meant to be is a guess.
)md";

const RuleMeta kMeta{
    .id = "nginx/wrong-argument-count",
    .title = "Wrong number of arguments or missing `;`/`{`",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class WrongArgumentCount final : public NginxRule {
 public:
  WrongArgumentCount() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      if (!v.in_document() || v.context == nginx::Context::opaque) return;
      const nginx::Directive& d = v.directive;
      std::vector<const nginx::DirectiveSpec*> usable;
      for (const auto& s : nginx::directive_specs(d.name))
        if (s.contexts & static_cast<std::uint32_t>(v.context)) usable.push_back(&s);
      if (usable.empty() || d.terminator.empty()) return;
      std::vector<const nginx::DirectiveSpec*> shaped;
      for (const auto* s : usable)
        if (((s->args & nginx::kBlock) != 0) == d.block) shaped.push_back(s);
      if (shaped.empty()) {
        if (d.block) {
          std::string hint;
          auto line_of = [&](std::size_t o) { return doc.lines().position(o).line; };
          for (std::size_t i = 1; i < d.args.size(); ++i)
            if (line_of(d.args[i].span.begin) != line_of(d.args[i - 1].span.begin)) {
              hint = fmt::format("; a \";\" is probably missing after `{}` on line {}",
                                 doc.slice(d.args[i - 1].span), line_of(d.args[i - 1].span.begin));
              break;
            }
          if (hint.empty() && d.args.empty() == false &&
              line_of(d.args.front().span.begin) != line_of(d.name_span.begin))
            hint = fmt::format("; a \";\" is probably missing after `{}`", d.name);
          sink.report(d.terminator,
                      fmt::format("\"{}\" directive is not terminated by \";\"{}", d.name, hint));
        } else {
          sink.report(d.terminator, fmt::format("directive \"{}\" has no opening \"{{\"", d.name));
        }
        return;
      }
      if (std::any_of(shaped.begin(), shaped.end(),
                      [&](const auto* s) { return nginx::arguments_fit(*s, d); }))
        return;
      // An on/off flag with a single other word is an invalid value, not a wrong count.
      if (d.args.size() == 1 && std::any_of(shaped.begin(), shaped.end(), [](const auto* s) {
            return (s->args & nginx::kFlag) != 0;
          }))
        return;
      std::uint32_t args = 0;
      for (const auto* s : shaped) args |= s->args;
      Span at =
          d.args.empty() ? d.name_span : Span{d.args.front().span.begin, d.args.back().span.end};
      sink.report(
          at, fmt::format("invalid number of arguments in \"{}\" directive: it takes {}, "
                          "not {}",
                          d.name, nginx::describe_arguments(args & ~nginx::kBlock), d.args.size()));
    });
  }
};

INFRALINT_REGISTER_RULE(WrongArgumentCount);

}  // namespace
}  // namespace infralint
