#include "engine/nginx_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`error_log off;`

## Why it matters
`error_log` has no `off` value: nginx writes the error log to a file named `off` in its
prefix directory, which grows unnoticed, while whoever wrote it believes errors are discarded.

## Example
```nginx
error_log off;
```

## Fixed
```nginx
error_log /dev/null emerg;
```

Safe fix: `/dev/null emerg`, which discards the log as intended (better: keep an error log).
)md";

const RuleMeta kMeta{
    .id = "nginx/error-log-off",
    .title = "error_log off writes to a file named off",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"gixy:error_log_off"},
    .fix = FixAvailability::always,
    .kinds = {Kind::nginx},
    .docs = kDocs,
};

class ErrorLogOff final : public NginxRule {
 public:
  ErrorLogOff() : NginxRule(kMeta) {}

 protected:
  void check(const Document&, const nginx::Config& config, nginx::Context context,
             FindingSink& sink) const override {
    nginx::walk(config, context, [&](const nginx::Visit& v) {
      const nginx::Directive& d = v.directive;
      if (!v.in_document() || !d.is("error_log") || d.args.size() != 1 || d.args[0].value != "off")
        return;
      sink.report(
          d.args[0].span,
          "error_log has no `off`: nginx writes errors to a file named `off`; use "
          "`/dev/null emerg` to discard them",
          Fix{"Log to /dev/null", {{d.args[0].span, "/dev/null emerg"}}, Applicability::safe});
    });
  }
};

INFRALINT_REGISTER_RULE(ErrorLogOff);

}  // namespace
}  // namespace infralint
