#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <string>
#include <vector>

#include "engine/nginx_rule.hpp"
#include "model/nginx_inheritance.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `proxy_pass` to an `upstream` that has `keepalive` connections, where the location does
not speak HTTP/1.1 to it (`proxy_http_version 1.1;`) or still sends `Connection: close`
(nginx's default unless `proxy_set_header Connection "";` is in effect). Both settings are
looked up as nginx inherits them.

## Why it matters
The keepalive pool is never used: nginx opens a new TCP (and TLS) connection to the backend
for every request, which costs latency and, under load, ephemeral ports (`TIME_WAIT`
exhaustion). The upstream's `keepalive` line only looks like it works.

## Example
```nginx
upstream app {
    server 127.0.0.1:9000;
    keepalive 16;
}
location / {
    proxy_pass http://app;
}
```

## Fixed
```nginx
location / {
    proxy_pass http://app;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
}
```

No automatic fix: adding `proxy_set_header` to a location drops the ones it inherits.
)md";

const RuleMeta kMeta{
    .id = "nginx/upstream-keepalive-unused",
    .title = "Upstream keepalive without HTTP/1.1 and an empty Connection header",
    .severity = Severity::warning,
    .categories = {Category::performance, Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class UpstreamKeepaliveUnused final : public NginxRule {
 public:
  UpstreamKeepaliveUnused() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    std::map<std::string, const nginx::Directive*> keepalive;  // upstream name -> keepalive
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& u = v.directive;
      if (!u.is("upstream") || !u.block || u.args.empty() || v.context != nginx::Context::http)
        return;
      for (const nginx::Directive* c : nginx::children_of(config, &u))
        if (c->is("keepalive")) keepalive[u.args[0].value] = c;
    });
    if (keepalive.empty()) return;
    nginx::NamedIndex index(config);
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& pass = v.directive;
      if (!v.in_document() || !pass.is("proxy_pass") || pass.args.empty() || v.parents.empty())
        return;
      if (v.context != nginx::Context::location && v.context != nginx::Context::if_in_location)
        return;
      std::string target = pass.args[0].value;
      for (std::string_view scheme : {"http://", "https://"})
        if (target.starts_with(scheme)) target.erase(0, scheme.size());
      if (auto slash = target.find('/'); slash != std::string::npos) target.resize(slash);
      auto it = keepalive.find(target);
      if (it == keepalive.end()) return;
      const nginx::Directive* block = v.parents.back();
      std::vector<const nginx::Directive*> outer(v.parents.begin(), v.parents.end() - 1);
      std::string version = "1.0";
      std::vector<const nginx::Directive*> levels(v.parents.rbegin(), v.parents.rend());
      levels.push_back(nullptr);
      for (const nginx::Directive* level : levels) {
        bool found = false;
        for (const nginx::Directive* c : nginx::children_of(config, level)) {
          if (c->is("proxy_http_version") && !c->args.empty()) {
            version = c->args[0].value;
            found = true;
          }
          if (c->is("include") && c->included.empty()) return;  // unknown settings
        }
        if (found) break;
      }
      bool connection_cleared = false;
      for (const nginx::Directive* h :
           nginx::effective(config, outer, block, "proxy_set_header", &index))
        if (nginx::header_key(*h) == "connection" && h->args.size() > 1 &&
            h->args[1].value != "close")
          connection_cleared = true;
      std::vector<std::string_view> missing;
      if (version != "1.1") missing.push_back("`proxy_http_version 1.1;`");
      if (!connection_cleared) missing.push_back("`proxy_set_header Connection \"\";`");
      if (missing.empty()) return;
      if (context != nginx::Context::main && version != "1.1" && missing.size() == 1) return;
      Finding& f = sink.report(
          pass.args[0].span,
          fmt::format("upstream `{}` keeps connections alive, but this proxy_pass closes them "
                      "after each request: add {}",
                      it->first, fmt::join(missing, " and ")));
      if (!it->second->file) f.related.push_back({it->second->span(), "the unused keepalive pool"});
    });
  }
};

INFRALINT_REGISTER_RULE(UpstreamKeepaliveUnused);

}  // namespace
}  // namespace infralint
