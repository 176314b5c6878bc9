#include <fmt/format.h>

#include "engine/nginx_rule.hpp"
#include "model/nginx_regex.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A regex in `location ~`, `if (... ~ ...)`, `rewrite` or `server_name ~` with a repeated group
that itself repeats something, with nothing that tells the rounds apart: `(a+)+`,
`(\w+\s?)*`, `(.*/)+`. Groups delimited by a character the inner repetition cannot match
(`(\.[a-z]+)*`, `([^/]+/)+`), atomic groups `(?>...)` and possessive quantifiers (`a++`) are
not reported.

## Why it matters
nginx matches with PCRE, a backtracking engine: on a crafted URI or header that almost
matches, such a pattern tries exponentially many ways to split the input, and one request can
pin a worker's CPU (ReDoS). nginx's PCRE JIT makes each step faster, not the count smaller.

## Example
```nginx
location ~ ^/(\w+\s?)*$ {
    return 404;
}
```

## Fixed
```nginx
location ~ ^/[\w\s]*$ {
    return 404;
}
```

No automatic fix: rewriting the regex needs knowing what it must match.
)md";

const RuleMeta kMeta{
    .id = "nginx/regex-redos",
    .title = "Regex with nested quantifiers (ReDoS)",
    .severity = Severity::warning,
    .categories = {Category::security, Category::reliability},
    .aliases = {"gixy:regex_redos"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class RegexRedos final : public NginxRule {
 public:
  RegexRedos() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      if (!v.in_document()) return;
      auto re = nginx::regex_of(v.directive);
      if (!re) return;
      auto group = nginx::nested_quantifier(re->pattern);
      if (!group) return;
      sink.report(re->span,
                  fmt::format("`{}` repeats a repetition with nothing separating the rounds: "
                              "PCRE backtracks exponentially on input that almost matches "
                              "(ReDoS); flatten it (e.g. one character class under one "
                              "quantifier) or make the rounds start with a delimiter",
                              *group));
    });
  }
};

INFRALINT_REGISTER_RULE(RegexRedos);

}  // namespace
}  // namespace infralint
