#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`client_max_body_size 0;`, which turns off nginx's check of the request body size.

## Why it matters
Any client may then send a body of any size: uploads of many gigabytes fill the disk where
nginx buffers request bodies (`client_body_temp_path`) or tie up the backend, a cheap denial
of service. The CIS NGINX Benchmark asks for a limit sized to what the application accepts
(nginx's default is 1m).

## Example
```nginx
location /upload/ {
    client_max_body_size 0;
}
```

## Fixed
```nginx
location /upload/ {
    client_max_body_size 100m;
}
```

No automatic fix: the largest legitimate upload is only known to the application.
)md";

const RuleMeta kMeta{
    .id = "nginx/client-max-body-size-unlimited",
    .title = "Request body size unlimited",
    .severity = Severity::warning,
    .categories = {Category::security, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class ClientMaxBodySizeUnlimited final : public NginxRule {
 public:
  ClientMaxBodySizeUnlimited() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("client_max_body_size") || d.args.size() != 1) return;
      const std::string& value = d.args[0].value;
      if (value.empty() || value.find_first_not_of('0') != std::string::npos) return;
      sink.report(d.args[0].span,
                  "client_max_body_size 0 accepts request bodies of any size (disk and "
                  "backend exhaustion); set the largest size the application accepts, e.g. "
                  "`client_max_body_size 100m;`");
    });
  }
};

INFRALINT_REGISTER_RULE(ClientMaxBodySizeUnlimited);

}  // namespace
}  // namespace infralint
