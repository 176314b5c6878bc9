#include <fmt/format.h>

#include <cctype>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `return` or `rewrite` that builds a redirect from `$server_name` in a server whose first
`server_name` is `_`, a wildcard (`*.example.com`, `.example.com`), a regex, or absent.

## Why it matters
`$server_name` is the first name of the server block, not the host the client asked for.
With `server_name _;` the redirect goes to `https://_/...`, which no browser can follow; with
a wildcard it goes to the literal `*.example.com`.

## Example
```nginx
server {
    listen 80;
    server_name _;
    return 301 https://$server_name$request_uri;
}
```

## Fixed
```nginx
server {
    listen 80;
    server_name _;
    return 301 https://$host$request_uri;
}
```

Safe fix: `$server_name` becomes `$host`, the host of the request (nginx takes it from the
request line or `Host`, lower-cased and without the port, and falls back to the server name).
)md";

const RuleMeta kMeta{
    .id = "nginx/redirect-to-server-name",
    .title = "Redirect to $server_name of a catch-all or wildcard server",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

// Why `$server_name` is not a usable host in this server, or empty when it is.
std::string unusable_name(const nginx::Config& config, const nginx::Directive* server) {
  for (const nginx::Directive* d : nginx::children_of(config, server)) {
    if (!d->is("server_name")) continue;
    if (d->args.empty()) return "has an empty server_name";
    const std::string& first = d->args[0].value;
    if (first == "_") return "is named `_`";
    if (first.find('*') != std::string::npos || first.starts_with(".") || first.starts_with("~"))
      return fmt::format("is named `{}`, a pattern", first);
    if (first.empty()) return "has an empty server_name";
    return {};
  }
  return "has no server_name";
}

class RedirectToServerName final : public NginxRule {
 public:
  RedirectToServerName() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !(d.is("return") || d.is("rewrite"))) return;
      if (d.is("return") && d.args.size() >= 2 && !d.args[0].value.starts_with("30")) return;
      const nginx::Directive* server = nullptr;
      for (auto it = v.parents.rbegin(); it != v.parents.rend(); ++it)
        if ((*it)->is("server")) server = *it;
      if (!server && context != nginx::Context::server) return;
      std::string why = unusable_name(config, server);
      if (why.empty()) return;
      for (const nginx::Arg& a : d.args) {
        std::string_view raw = doc.slice(a.inner());
        for (std::string_view form : {"${server_name}", "$server_name"}) {
          auto at = raw.find(form);
          if (at == std::string_view::npos) continue;
          std::size_t end = at + form.size();
          // `$server_name_x` is another variable.
          if (form == "$server_name" && end < raw.size() &&
              (std::isalnum(static_cast<unsigned char>(raw[end])) || raw[end] == '_'))
            continue;
          Span s{a.inner().begin + at, a.inner().begin + end};
          sink.report(s,
                      fmt::format("redirect to `$server_name`, but this server {}: clients are "
                                  "sent to that literal name; use `$host`",
                                  why),
                      Fix{"Use $host",
                          {{s, form == "$server_name" ? "$host" : "${host}"}},
                          Applicability::safe});
          break;
        }
      }
    });
  }
};

INFRALINT_REGISTER_RULE(RedirectToServerName);

}  // namespace
}  // namespace infralint
