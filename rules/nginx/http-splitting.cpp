#include <fmt/format.h>

#include <cctype>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`$uri` or `$document_uri` in a response or upstream header: an `add_header` value, a
`proxy_set_header` value, or the URL of a redirect (`return 30x`, `rewrite ... redirect`).

## Why it matters
`$uri` is the *decoded* path: a request for `/x%0d%0aSet-Cookie:%20a=b` puts a CR LF into the
header, and the attacker writes their own headers (HTTP response splitting, session fixation,
cache poisoning). `$request_uri` is the raw, still-encoded path and query.

## Example
```nginx
return 301 https://$host$uri;
```

## Fixed
```nginx
return 301 https://$host$request_uri;
```

No automatic fix: `$request_uri` also carries the query string, which may or may not be
wanted.
)md";

const RuleMeta kMeta{
    .id = "nginx/http-splitting",
    .title = "Decoded URI in a header allows header injection",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"gixy:http_splitting"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

// The offset of `$uri` / `$document_uri` (or the braced forms) in `value`, case-insensitively.
std::size_t decoded_uri_variable(std::string value, std::string& found) {
  for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view v : {"$document_uri", "${document_uri}", "$uri", "${uri}"}) {
    for (auto at = value.find(v); at != std::string::npos; at = value.find(v, at + 1)) {
      std::size_t end = at + v.size();
      if (v.back() != '}' && end < value.size() &&
          (std::isalnum(static_cast<unsigned char>(value[end])) || value[end] == '_'))
        continue;
      found = std::string(v);
      return at;
    }
  }
  return std::string::npos;
}

class HttpSplitting final : public NginxRule {
 public:
  HttpSplitting() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document()) return;
      const nginx::Arg* value = nullptr;
      if ((d.is("add_header") || d.is("proxy_set_header")) && d.args.size() >= 2)
        value = &d.args[1];
      else if (d.is("return") && d.args.size() == 2 && d.args[0].value.starts_with("30"))
        value = &d.args[1];
      else if (d.is("return") && d.args.size() == 1)
        value = &d.args[0];
      else if (d.is("rewrite") && d.args.size() == 3 &&
               (d.args[2].value == "redirect" || d.args[2].value == "permanent"))
        value = &d.args[1];
      if (!value) return;
      std::string variable;
      if (decoded_uri_variable(value->value, variable) == std::string::npos) return;
      sink.report(
          value->span,
          fmt::format("`{}` is decoded: a request with %0d%0a injects headers into this "
                      "{}; use `$request_uri` (raw) instead",
                      variable, d.is("proxy_set_header") ? "upstream request" : "response"));
    });
  }
};

INFRALINT_REGISTER_RULE(HttpSplitting);

}  // namespace
}  // namespace infralint
