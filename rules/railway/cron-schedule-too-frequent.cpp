#include <fmt/format.h>

#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `deploy.cronSchedule` that runs more often than every 5 minutes: `* * * * *`,
`*/2 * * * *`, `0,1,2 * * * *`.

## Why it matters
Railway's minimum interval for cron services is 5 minutes; a shorter schedule is rejected.
A job that must run every minute belongs in a long-running service with its own timer.

## Example
```toml
[deploy]
cronSchedule = "*/1 * * * *"
```

## Fixed
```toml
[deploy]
cronSchedule = "*/5 * * * *"
```

No automatic fix: a slower schedule changes what the job does.
)md";

const RuleMeta kMeta{
    .id = "railway/cron-schedule-too-frequent",
    .title = "Cron schedule more frequent than every 5 minutes",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class CronScheduleTooFrequent final : public RailwayRule {
 public:
  CronScheduleTooFrequent() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    for (const railway::Setting& s : railway::settings_of(config, "deploy", "cronSchedule")) {
      const toml::Node& v = *s.entry->value;
      if (v.type != toml::Type::string) continue;
      auto cron = railway::check_cron(v.text);
      if (!cron.error.empty() || cron.shortest_gap_minutes >= 5) continue;
      sink.report(v.span, fmt::format("`cronSchedule` `{}` runs {} minute{} apart; Railway's "
                                      "minimum interval is 5 minutes",
                                      v.text, cron.shortest_gap_minutes,
                                      cron.shortest_gap_minutes == 1 ? "" : "s"));
    }
  }
};

INFRALINT_REGISTER_RULE(CronScheduleTooFrequent);

}  // namespace
}  // namespace infralint
