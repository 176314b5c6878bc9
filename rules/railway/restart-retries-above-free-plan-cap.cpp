#include <fmt/format.h>

#include <charconv>

#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`deploy.restartPolicyMaxRetries` above 10.

## Why it matters
On Railway's Free and Trial plans `ON_FAILURE` restarts are capped at 10, so a higher
number is silently reduced there. On paid plans it is honoured; severity info for that
reason.

## Example
```toml
[deploy]
restartPolicyType = "ON_FAILURE"
restartPolicyMaxRetries = 25
```

## Fixed
```toml
[deploy]
restartPolicyType = "ON_FAILURE"
restartPolicyMaxRetries = 10
```

No automatic fix: on a paid plan the number may be what you want.
)md";

const RuleMeta kMeta{
    .id = "railway/restart-retries-above-free-plan-cap",
    .title = "Restart retries above the Free-plan cap",
    .severity = Severity::info,
    .categories = {Category::reliability, Category::cost},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class RestartRetriesAboveFreePlanCap final : public RailwayRule {
 public:
  RestartRetriesAboveFreePlanCap() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    for (const railway::Setting& s :
         railway::settings_of(config, "deploy", "restartPolicyMaxRetries")) {
      const toml::Node& v = *s.entry->value;
      long long n = 0;
      auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
      if (v.type != toml::Type::integer || ec != std::errc() || n <= 10) continue;
      sink.report(v.span, fmt::format("`restartPolicyMaxRetries` is {}: on Railway's Free and "
                                      "Trial plans restarts are capped at 10",
                                      n));
    }
  }
};

INFRALINT_REGISTER_RULE(RestartRetriesAboveFreePlanCap);

}  // namespace
}  // namespace infralint
