#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <string>
#include <vector>

#include "engine/nginx_rule.hpp"
#include "model/nginx_regex.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `if ($http_origin ~ ...)` or `if ($http_referer ~ ...)` whose regex also accepts hosts
the author did not mean to trust:

- an unescaped `.` between host-name characters (`example.com` also matches `exampleXcom`);
- no `^` start anchor (`https://evil.net/?https://example.com` matches);
- for `$http_origin`, no `$` end anchor (`https://example.com.evil.net` matches); for
  `$http_referer`, neither a `$` nor a `/` after the host.

## Why it matters
These checks usually guard CORS headers (`Access-Control-Allow-Origin`) or hot-link and
CSRF protection. An attacker registers a host name that the regex accepts and reads
authenticated responses from a victim's browser.

## Example
```nginx
if ($http_origin ~ https://app.example.com) {
    add_header Access-Control-Allow-Origin $http_origin;
}
```

## Fixed
```nginx
if ($http_origin ~ ^https://app\.example\.com$) {
    add_header Access-Control-Allow-Origin $http_origin;
}
```

No automatic fix: the set of trusted origins is the author's to state. A `map` with exact
origin strings avoids regexes altogether.
)md";

const RuleMeta kMeta{
    .id = "nginx/origins",
    .title = "Origin or Referer check regex that untrusted hosts can pass",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"gixy:origins"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

bool host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
}

class Origins final : public NginxRule {
 public:
  Origins() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("if") || d.args.empty()) return;
      std::string var = d.args[0].value;
      if (!var.empty() && var[0] == '(') var.erase(0, 1);
      for (char& c : var) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      bool origin = var == "$http_origin";
      if (!origin && var != "$http_referer") return;
      auto re = nginx::regex_of(d);
      if (!re) return;
      const std::string& p = re->pattern;
      std::vector<std::string> problems;
      // Unescaped dots between host characters, outside classes.
      bool in_class = false;
      for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '\\') {
          ++i;
          continue;
        }
        if (p[i] == '[') in_class = true;
        if (p[i] == ']') in_class = false;
        if (!in_class && p[i] == '.' && i > 0 && i + 1 < p.size() && host_char(p[i - 1]) &&
            host_char(p[i + 1]) && p[i + 1] != '*' && p[i + 1] != '+') {
          auto start = p.find_last_not_of(
              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.", i - 1);
          auto end = p.find_first_not_of(
              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.", i + 1);
          std::string host = p.substr(start == std::string::npos ? 0 : start + 1,
                                      (end == std::string::npos ? p.size() : end) -
                                          (start == std::string::npos ? 0 : start + 1));
          problems.push_back(
              fmt::format("the unescaped `.` in `{}` matches any character "
                          "(write `\\.`)",
                          host));
          break;
        }
      }
      if (!p.starts_with("^"))
        problems.push_back(
            "it has no `^` anchor, so any value containing the allowed host "
            "passes");
      bool end_anchor = p.find('$') != std::string::npos;
      if (origin && !end_anchor)
        problems.push_back("it has no `$` anchor, so `<allowed host>.evil.net` passes");
      if (!origin && !end_anchor) {
        auto scheme = p.find("//");
        auto rest = scheme == std::string::npos ? p : p.substr(scheme + 2);
        if (rest.find('/') == std::string::npos)
          problems.push_back(
              "nothing ends the host (`/` or `$`), so `<allowed host>.evil.net` "
              "passes");
      }
      if (problems.empty()) return;
      sink.report(re->span, fmt::format("this {} check accepts untrusted hosts: {}",
                                        origin ? "Origin" : "Referer", fmt::join(problems, "; ")));
    });
  }
};

INFRALINT_REGISTER_RULE(Origins);

}  // namespace
}  // namespace infralint
