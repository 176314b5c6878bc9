#include <fmt/format.h>

#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `deploy.cronSchedule` that is not a 5-field crontab expression (minute, hour,
day-of-month, month, day-of-week), or has a value outside a field's range: `*/5 * * *`,
`0 24 * * *`, `0 0 0 * *`, `every 5m`. Shortcuts such as `@daily` are not judged.

## Why it matters
Railway runs cron services on a crontab schedule in UTC; an expression it cannot read is
rejected, and the job never runs.

## Example
```toml
[deploy]
cronSchedule = "0 24 * * *"
```

## Fixed
```toml
[deploy]
cronSchedule = "0 23 * * *"
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "railway/invalid-cron-schedule",
    .title = "Invalid cron schedule",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class InvalidCronSchedule final : public RailwayRule {
 public:
  InvalidCronSchedule() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    for (const railway::Setting& s : railway::settings_of(config, "deploy", "cronSchedule")) {
      const toml::Node& v = *s.entry->value;
      if (v.type != toml::Type::string || v.text.starts_with('@')) continue;
      auto cron = railway::check_cron(v.text);
      if (cron.error.empty()) continue;
      sink.report(v.span, fmt::format("`cronSchedule` `{}` is not a valid crontab expression: {}",
                                      v.text, cron.error));
    }
  }
};

INFRALINT_REGISTER_RULE(InvalidCronSchedule);

}  // namespace
}  // namespace infralint
