#include <fmt/format.h>

#include <cctype>
#include <functional>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `server` that serves files (a `root` or `alias` is set in it, or a `root` at `http` level)
and has no location denying hidden files, such as `location ~ /\. { deny all; }`.

A location counts when its regex holds `/\.` not followed by a name (`/\.ht` protects only
`.htaccess`) and it answers with `deny all;` or a `return` of a 4xx status. Servers that
only proxy are not reported, nor servers with an `include` that could not be read (it may
hold the location).

## Why it matters
Deployments leave dot-files in the document root: `.git/` (the whole source history,
often with secrets), `.env`, `.htpasswd`, editor backups. Without a rule denying them, nginx
serves them to anyone who asks (CIS NGINX 2.5.3).

## Example
```nginx
server {
    listen 80;
    root /srv/www;
    location / {
        try_files $uri $uri/ =404;
    }
}
```

## Fixed
```nginx
server {
    listen 80;
    root /srv/www;
    location ~ /\.(?!well-known/) {
        deny all;
    }
    location / {
        try_files $uri $uri/ =404;
    }
}
```

Fix (unsafe): adds that location before the server's first location (regex locations are
tried in order), keeping `/.well-known/` (ACME challenges, security.txt) reachable. It is
unsafe because a site may serve a dot-path on purpose.
)md";

const RuleMeta kMeta{
    .id = "nginx/hidden-files-not-denied",
    .title = "Hidden files served from the document root",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-NGINX-2.1:2.5.3"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

// `location ~ /\.` (or `~*`) whose pattern does not go on with a name: `/\.ht` only covers
// `.htaccess`.
bool denies_hidden(const nginx::Config& config, const nginx::Directive& location) {
  if (location.args.size() != 2 || (location.args[0].value != "~" && location.args[0].value != "~*"))
    return false;
  const std::string& re = location.args[1].value;
  auto at = re.find("/\\.");
  if (at == std::string::npos) return false;
  std::size_t next = at + 3;
  if (next < re.size() && std::isalnum(static_cast<unsigned char>(re[next]))) return false;
  for (const nginx::Directive* c : nginx::children_of(config, &location)) {
    if (c->is("deny") && c->args.size() == 1 && c->args[0].value == "all") return true;
    if (c->is("return") && !c->args.empty() && c->args[0].value.size() == 3 &&
        c->args[0].value[0] == '4')
      return true;
  }
  return false;
}

struct ServerFacts {
  bool serves_files = false;
  bool denies = false;
  bool unread_include = false;
};

void scan(const nginx::Config& config, const nginx::Directive* block, ServerFacts& facts) {
  for (const nginx::Directive* c : nginx::children_of(config, block)) {
    if (c->is("root") || c->is("alias")) facts.serves_files = true;
    if (c->is("include") && c->included.empty()) facts.unread_include = true;
    if (c->is("location")) {
      facts.denies = facts.denies || denies_hidden(config, *c);
      scan(config, c, facts);
    }
  }
}

class HiddenFilesNotDenied final : public NginxRule {
 public:
  HiddenFilesNotDenied() : NginxRule(kMeta) {}

 protected:
  void check(const Document& doc, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& server = v.directive;
      if (!v.in_document() || !server.is("server") || !server.block ||
          v.context != nginx::Context::http)
        return;
      ServerFacts facts;
      for (const nginx::Directive* level : v.parents)
        for (const nginx::Directive* c : nginx::children_of(config, level))
          if (c->is("root")) facts.serves_files = true;
      scan(config, &server, facts);
      if (!facts.serves_files || facts.denies || facts.unread_include) return;
      Finding& f = sink.report(server.name_span,
                               "this server serves files but does not deny hidden ones: "
                               "`.git/`, `.env` or `.htpasswd` in the root are downloadable; "
                               "add `location ~ /\\.(?!well-known/) { deny all; }`");
      // Before the first location, at its indentation, when it starts its own line.
      for (const nginx::Directive& c : server.children) {
        if (!c.is("location")) continue;
        std::string_view indent = nginx::indentation_at(doc.text(), c.name_span.begin);
        std::size_t line_start = static_cast<std::size_t>(indent.data() - doc.text().data());
        if (line_start + indent.size() != c.name_span.begin) break;
        f.fix = Fix{"Deny hidden files",
                    {{Span{line_start, line_start},
                      fmt::format("{0}location ~ /\\.(?!well-known/) {{\n{0}    deny all;\n{0}}}\n",
                                  indent)}},
                    Applicability::unsafe};
        break;
      }
    });
  }
};

INFRALINT_REGISTER_RULE(HiddenFilesNotDenied);

}  // namespace
}  // namespace infralint
