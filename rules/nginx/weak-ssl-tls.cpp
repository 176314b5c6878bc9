#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`ssl_protocols` enabling SSLv2, SSLv3, TLSv1 or TLSv1.1, and `ssl_ciphers` enabling weak
cipher families (RC4, DES, 3DES, EXPORT, NULL, aNULL, eNULL, MD5, ADH, LOW, MEDIUM, SEED,
IDEA, CAMELLIA) without negating them with `!`.

## Why it matters
These protocols and ciphers have practical attacks (POODLE, BEAST, SWEET32, RC4 biases) and
are forbidden by PCI DSS and deprecated by RFC 8996. Mozilla's intermediate profile supports
every browser of the last decade with TLS 1.2 and 1.3 only.

## Example
```nginx
ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
ssl_ciphers HIGH:RC4:!aNULL;
```

## Fixed
```nginx
ssl_protocols TLSv1.2 TLSv1.3;
ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
```

Unsafe fix: Mozilla's intermediate protocols and ciphers (guidelines 6.0). Very old clients
(Android 4.3, Java 6, IE on Windows XP) can no longer connect.
)md";

const RuleMeta kMeta{
    .id = "nginx/weak-ssl-tls",
    .title = "Outdated TLS protocols or weak ciphers",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-NGINX-2.1:4.1.4", "CIS-NGINX-2.1:4.1.5", "Mozilla-TLS:protocols",
                   "Mozilla-TLS:ciphers"},
    .aliases = {"gixy:weak_ssl_tls"},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

constexpr std::string_view kIntermediateCiphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

bool weak_cipher(std::string token) {
  for (char& c : token) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (std::string_view weak :
       {"RC4", "DES", "3DES", "EXPORT", "EXP", "NULL", "ANULL", "ENULL", "MD5", "ADH", "AECDH",
        "LOW", "MEDIUM", "SEED", "IDEA", "CAMELLIA", "DES-CBC3-SHA"})
    if (token == weak) return true;
  return token.starts_with("EXP-") || token.find("-RC4-") != std::string::npos ||
         token.starts_with("RC4-") || token.find("DES-CBC") != std::string::npos ||
         token.ends_with("-MD5") || token.starts_with("ADH-") || token.starts_with("NULL-");
}

class WeakSslTls final : public NginxRule {
 public:
  WeakSslTls() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || d.args.empty() || d.terminator.empty()) return;
      Span all{d.args.front().span.begin, d.args.back().span.end};
      if (d.is("ssl_protocols") || d.is("proxy_ssl_protocols")) {
        std::vector<std::string> old;
        for (const auto& a : d.args)
          if (a.value == "SSLv2" || a.value == "SSLv3" || a.value == "TLSv1" ||
              a.value == "TLSv1.1")
            old.push_back(a.value);
        if (old.empty()) return;
        sink.report(
            all,
            fmt::format("{} enables {}, broken or deprecated (RFC 8996); allow TLSv1.2 "
                        "and TLSv1.3 only",
                        d.name, fmt::join(old, ", ")),
            Fix{"Use TLSv1.2 and TLSv1.3", {{all, "TLSv1.2 TLSv1.3"}}, Applicability::unsafe});
      } else if (d.is("ssl_ciphers") && d.args.size() == 1) {
        std::vector<std::string> weak;
        std::string_view list = d.args[0].value;
        while (!list.empty()) {
          auto sep = list.find_first_of(": ,");
          std::string token(list.substr(0, sep));
          list = sep == std::string_view::npos ? std::string_view() : list.substr(sep + 1);
          if (token.empty() || token[0] == '!' || token[0] == '-') continue;
          if (token[0] == '+') token.erase(0, 1);
          if (weak_cipher(token)) weak.push_back(token);
        }
        if (weak.empty()) return;
        sink.report(d.args[0].span,
                    fmt::format("ssl_ciphers enables weak ciphers: {}; use Mozilla's "
                                "intermediate list",
                                fmt::join(weak, ", ")),
                    Fix{"Use Mozilla's intermediate ciphers",
                        {{d.args[0].span, std::string(kIntermediateCiphers)}},
                        Applicability::unsafe});
      }
    });
  }
};

INFRALINT_REGISTER_RULE(WeakSslTls);

}  // namespace
}  // namespace infralint
