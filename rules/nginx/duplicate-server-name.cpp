#include <fmt/format.h>

#include <cctype>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Two `server` blocks of the same `http` block that listen on the same address and port and
both claim the same `server_name`. Addresses are compared as nginx binds them (`80`, `*:80`
and `0.0.0.0:80` are one socket; a server without `listen` uses `*:80`).

## Why it matters
nginx warns `conflicting server name "..." on 0.0.0.0:80, ignored` and routes every request
for that name to the first server: the second block's locations, certificates and headers
are dead configuration that looks live. This usually comes from a copied site file or a
certbot-generated duplicate.

## Example
```nginx
server { listen 80; server_name example.com; root /srv/a; }
server { listen 80; server_name example.com; root /srv/b; }
```

## Fixed
```nginx
server { listen 80; server_name example.com; root /srv/a; }
server { listen 80; server_name www.example.com; root /srv/b; }
```

No automatic fix: which of the two blocks is meant is the author's call.
)md";

const RuleMeta kMeta{
    .id = "nginx/duplicate-server-name",
    .title = "Two servers claim the same server_name on the same listen socket",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

std::string socket_of(const std::string& a) {
  bool digits = !a.empty() && a.find_first_not_of("0123456789") == std::string::npos;
  if (digits) return "0.0.0.0:" + a;
  if (a.starts_with("*:")) return "0.0.0.0:" + a.substr(2);
  if (a.starts_with("unix:") || a.starts_with("[")) {
    if (a.starts_with("[") && a.find("]:") == std::string::npos) return a + ":80";
    return a;
  }
  if (a.find(':') == std::string::npos) return a + ":80";
  return a;
}

class DuplicateServerName final : public NginxRule {
 public:
  DuplicateServerName() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    // (http block, socket, name) -> the first server_name argument that claimed it.
    std::map<std::tuple<const nginx::Directive*, std::string, std::string>,
             std::pair<const nginx::Arg*, bool>>
        seen;
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& server = v.directive;
      if (!server.is("server") || !server.block || v.context != nginx::Context::http) return;
      const nginx::Directive* http = v.parents.empty() ? nullptr : v.parents.back();
      std::vector<std::string> sockets;
      std::vector<std::pair<const nginx::Arg*, bool>> names;  // arg, in document
      for (const nginx::Directive* d : nginx::children_of(config, &server)) {
        if (d->is("listen") && !d->args.empty()) sockets.push_back(socket_of(d->args[0].value));
        if (d->is("server_name"))
          for (const nginx::Arg& a : d->args)
            if (!a.value.empty()) names.emplace_back(&a, !d->file && v.in_document());
        if (d->is("include") && d->included.empty()) return;  // unknown listen/names
      }
      if (sockets.empty()) sockets.push_back("0.0.0.0:80");
      for (const auto& [name, here] : names) {
        std::string key = name->value;
        for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const std::string& s : sockets) {
          auto [it, fresh] = seen.emplace(std::make_tuple(http, s, key), std::pair{name, here});
          if (fresh || !here) continue;
          Finding& f = sink.report(
              name->span,
              fmt::format("server_name `{}` on {} is already claimed by an earlier server: "
                          "nginx ignores this one for that name (conflicting server name)",
                          name->value, s));
          if (it->second.second)
            f.related.push_back({it->second.first->span, "the server that gets these requests"});
          break;
        }
      }
    });
  }
};

INFRALINT_REGISTER_RULE(DuplicateServerName);

}  // namespace
}  // namespace infralint
