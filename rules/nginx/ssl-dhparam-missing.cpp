#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `ssl_ciphers` list that enables DHE (finite-field Diffie-Hellman) suites — `DHE-RSA-...`,
`EDH`, `kDHE` — where no `ssl_dhparam` is in effect.

## Why it matters
Since nginx 1.11.0 there are no built-in DH parameters: without `ssl_dhparam` every DHE suite
is silently disabled. The cipher list does not do what it says, and clients that only offer
DHE (old Android, some Java) fail the handshake. Mozilla's intermediate profile uses
`ssl_dhparam` with the 2048-bit ffdhe2048 group whenever DHE is listed.

## Example
```nginx
ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256;
```

## Fixed
```nginx
ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256;
ssl_dhparam /etc/nginx/ffdhe2048.pem;
```

No automatic fix: the parameter file must exist (`curl https://ssl-config.mozilla.org/ffdhe2048.txt`),
or the DHE suites should be dropped.
)md";

const RuleMeta kMeta{
    .id = "nginx/ssl-dhparam-missing",
    .title = "DHE ciphers enabled without ssl_dhparam",
    .severity = Severity::warning,
    .categories = {Category::security, Category::correctness},
    .compliance = {"CIS-NGINX-2.1:4.1.6", "Mozilla-TLS:dhparam"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

bool dhe_token(std::string_view t) {
  if (t.empty() || t[0] == '!' || t[0] == '-') return false;
  if (t[0] == '+') t.remove_prefix(1);
  return t == "DHE" || t.starts_with("DHE-") || t.starts_with("EDH") || t == "kDHE" || t == "kEDH";
}

class SslDhparamMissing final : public NginxRule {
 public:
  SslDhparamMissing() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    if (context != nginx::Context::main && context != nginx::Context::http) return;
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("ssl_ciphers") || d.args.size() != 1) return;
      std::vector<std::string> dhe;
      const std::string& list = d.args[0].value;
      std::size_t start = 0;
      while (start <= list.size()) {
        auto end = list.find_first_of(": ,", start);
        if (end == std::string::npos) end = list.size();
        std::string_view t(list.data() + start, end - start);
        if (dhe_token(t)) dhe.emplace_back(t);
        start = end + 1;
      }
      if (dhe.empty()) return;
      std::vector<const nginx::Directive*> levels(v.parents.rbegin(), v.parents.rend());
      levels.push_back(nullptr);
      for (const nginx::Directive* level : levels)
        for (const nginx::Directive* c : nginx::children_of(config, level)) {
          if (c->is("ssl_dhparam")) return;
          if (c->is("include") && c->included.empty()) return;  // unknown
        }
      // Set in `http`: fine when every server that keeps these ciphers sets ssl_dhparam.
      if (!v.parents.empty() && v.parents.back()->is("http")) {
        bool uncovered = false;
        bool any_tls = false;
        for (const nginx::Directive* server : nginx::children_of(config, v.parents.back())) {
          if (!server->is("server") || !nginx::tls_listen(config, server)) continue;
          any_tls = true;
          bool covered = false;
          for (const nginx::Directive* c : nginx::children_of(config, server))
            if (c->is("ssl_dhparam") || c->is("ssl_ciphers")) covered = true;
          if (!covered) uncovered = true;
        }
        if (any_tls && !uncovered) return;
      }
      sink.report(d.args[0].span,
                  fmt::format("{} enable{} DHE key exchange, but no ssl_dhparam is set: nginx "
                              "has no built-in DH parameters and silently disables them; add "
                              "`ssl_dhparam /etc/nginx/ffdhe2048.pem;` (Mozilla's ffdhe2048) "
                              "or drop the DHE suites",
                              fmt::join(dhe, ", "), dhe.size() == 1 ? "s" : ""));
    });
  }
};

INFRALINT_REGISTER_RULE(SslDhparamMissing);

}  // namespace
}  // namespace infralint
