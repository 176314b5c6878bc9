#include <fmt/format.h>

#include <cctype>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`proxy_pass` (or `fastcgi_pass`, `uwsgi_pass`, `grpc_pass`) whose destination host comes from
the request: `$http_*`, `$arg_*`, `$cookie_*`, `$args`, `$request_uri`, `$uri`, or a regex
capture (`$1`, named captures) of the URI.

## Why it matters
A client then chooses where nginx connects: internal services, cloud metadata endpoints
(`169.254.169.254`), the admin port of the backend — server-side request forgery.

## Example
```nginx
location ~ ^/proxy/(.*)$ {
    proxy_pass http://$1;
}
```

## Fixed
```nginx
map $arg_target $target_upstream {
    default  app;
    reports  reports;
}
location /proxy/ {
    proxy_pass http://$target_upstream;
}
```

No automatic fix: an allow-list (a `map` to known upstreams) is needed.
)md";

const RuleMeta kMeta{
    .id = "nginx/ssrf",
    .title = "Proxy destination controlled by the client",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"gixy:ssrf"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

// The client-controlled variable in `host`, or empty.
std::string controlled_variable(std::string_view host) {
  for (std::size_t at = host.find('$'); at != std::string_view::npos; at = host.find('$', at + 1)) {
    std::size_t begin = at + 1;
    bool braced = begin < host.size() && host[begin] == '{';
    if (braced) ++begin;
    std::size_t end = begin;
    while (end < host.size() &&
           (std::isalnum(static_cast<unsigned char>(host[end])) || host[end] == '_'))
      ++end;
    std::string name(host.substr(begin, end - begin));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name.starts_with("http_") || name.starts_with("arg_") || name.starts_with("cookie_") ||
        name == "args" || name == "query_string" || name == "request_uri" || name == "uri" ||
        name == "document_uri" || name == "request" ||
        (name.size() == 1 && std::isdigit(static_cast<unsigned char>(name[0]))))
      return "$" + name;
  }
  return {};
}

class Ssrf final : public NginxRule {
 public:
  Ssrf() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || d.args.empty() ||
          !(d.is("proxy_pass") || d.is("fastcgi_pass") || d.is("uwsgi_pass") || d.is("grpc_pass")))
        return;
      std::string_view url = d.args[0].value;
      auto scheme = url.find("://");
      std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
      std::string_view host = rest.substr(0, rest.find('/'));
      std::string variable = controlled_variable(host);
      if (variable.empty()) return;
      sink.report(d.args[0].span,
                  fmt::format("the destination host comes from `{}`, which the client controls: "
                              "anyone can make nginx connect to internal addresses; map it to "
                              "an allow-list of upstreams",
                              variable));
    });
  }
};

INFRALINT_REGISTER_RULE(Ssrf);

}  // namespace
}  // namespace infralint
