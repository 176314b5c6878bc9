#include <fmt/format.h>

#include "engine/nginx_rule.hpp"
#include "model/nginx_regex.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `$1`…`$9` reference to a capture group the regex does not have: in a `rewrite`
replacement, or in the directives of a `location ~` / `if (~)` block whose regex sets the
captures (blocks that run another regex, which resets them, are skipped). Named groups
(`(?<name>...)`) count; `(?:...)` and lookarounds do not.

## Why it matters
nginx silently substitutes an empty string for a missing group: `rewrite ^/old/.*$
/new/$1` sends everyone to `/new/`, and `proxy_pass http://b/$2` loses the path. Note that
only `$1`–`$9` exist: `$12` is `$1` followed by `2`.

## Example
```nginx
rewrite ^/old/.*$ /new/$1 permanent;
```

## Fixed
```nginx
rewrite ^/old/(.*)$ /new/$1 permanent;
```

No automatic fix: either the group or the reference is wrong.
)md";

const RuleMeta kMeta{
    .id = "nginx/invalid-regex",
    .title = "Reference to a capture group the regex does not have",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"gixy:invalid_regex"},
    .fix = FixAvailability::none,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

// Reports each `$N` in `arg` with N above `groups`.
void check_refs(const nginx::Arg& arg, int groups, std::string_view pattern, FindingSink& sink) {
  const std::string& v = arg.value;
  Span in = arg.inner();
  bool exact = in.end - in.begin == v.size();
  for (std::size_t i = 0; i + 1 < v.size(); ++i) {
    if (v[i] != '$' || v[i + 1] < '1' || v[i + 1] > '9') continue;
    int n = v[i + 1] - '0';
    if (n <= groups) continue;
    Span at = exact ? Span{in.begin + i, in.begin + i + 2} : arg.span;
    sink.report(at,
                fmt::format("`${}` refers to capture group {}, but `{}` has {}: nginx "
                            "substitutes an empty string",
                            n, n, pattern,
                            groups == 0 ? std::string("none") : fmt::format("only {}", groups)));
  }
}

class InvalidRegex final : public NginxRule {
 public:
  InvalidRegex() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document()) return;
      auto re = nginx::regex_of(d);
      if (!re) return;
      int groups = nginx::capture_groups(re->pattern);
      if (d.is("rewrite")) {
        if (d.args.size() >= 2) check_refs(d.args[1], groups, re->pattern, sink);
        return;
      }
      if (!d.block || (!d.is("location") && !d.is("if"))) return;
      auto children = nginx::children_of(config, &d);
      for (const nginx::Directive* c : children)
        if (nginx::regex_of(*c) || c->block || c->file) return;  // captures may change
      for (const nginx::Directive* c : children)
        for (const nginx::Arg& a : c->args) check_refs(a, groups, re->pattern, sink);
    });
  }
};

INFRALINT_REGISTER_RULE(InvalidRegex);

}  // namespace
}  // namespace infralint
