#include <fmt/format.h>

#include <cctype>

#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A cron service (`deploy.cronSchedule`) that also has settings for a long-running service,
in the same deployment (base config, or an environment with what it inherits):
- `restartPolicyType = "ALWAYS"`;
- `healthcheckPath`;
- `numReplicas` above 1.

## Why it matters
A Railway cron job must exit when its work is done; the next run is skipped while the
previous one is still running. `ALWAYS` restarts it as soon as it exits, a healthcheck
expects a server that answers, and several replicas run the job several times at once.

## Example
```toml
[deploy]
cronSchedule = "0 3 * * *"
restartPolicyType = "ALWAYS"
healthcheckPath = "/health"
```

## Fixed
```toml
[deploy]
cronSchedule = "0 3 * * *"
restartPolicyType = "NEVER"
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "railway/cron-with-long-running-settings",
    .title = "Cron service with settings of a long-running service",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class CronWithLongRunningSettings final : public RailwayRule {
 public:
  CronWithLongRunningSettings() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    ReportedSpans reported;
    for (const railway::View& view : config.views()) {
      const toml::Entry* cron = view.find("deploy", "cronSchedule");
      if (!cron || cron->value->type != toml::Type::string || cron->value->text.empty()) continue;
      auto report = [&](const toml::Entry* e, std::string_view why) {
        if (!reported.first_time(e->key_span)) return;
        sink.report(e->key_span, fmt::format("`{}` with `cronSchedule` `{}` (in {}): {}", e->key,
                                             cron->value->text, view.name(), why))
            .related.push_back({cron->value->span, "the cron schedule"});
      };
      if (const toml::Entry* policy = view.find("deploy", "restartPolicyType");
          policy && policy->value->type == toml::Type::string) {
        std::string up = policy->value->text;
        for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (up == "ALWAYS")
          report(policy,
                 "restart policy `ALWAYS` restarts the job each time it exits; use "
                 "`NEVER` or `ON_FAILURE`");
      }
      if (const toml::Entry* path = view.find("deploy", "healthcheckPath");
          path && path->value->type == toml::Type::string && !path->value->text.empty())
        report(path, "a cron job exits when done and serves no healthcheck; remove it");
      if (const toml::Entry* replicas = view.find("deploy", "numReplicas");
          replicas && replicas->value->type == toml::Type::integer &&
          replicas->value->text != "0" && replicas->value->text != "1" &&
          !replicas->value->text.starts_with('-'))
        report(replicas, "each replica runs the job, so it runs several times at once; use 1");
    }
  }
};

INFRALINT_REGISTER_RULE(CronWithLongRunningSettings);

}  // namespace
}  // namespace infralint
