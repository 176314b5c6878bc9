#include <fmt/format.h>

#include "core/clock.hpp"
#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Every railway.toml and railway.json: Railway has deprecated Config as Code in favour of
Infrastructure as Code (`.railway/railway.ts`). New services cannot opt into Config as Code
since 2026-08-28, and the docs give **2026-12-01** as the cutoff after which existing files
are no longer applied. A warning before that date, an error from it on.

"Today" is the date of the run; `--today YYYY-MM-DD` (or `INFRALINT_TODAY`) fixes it.

## Why it matters
After the cutoff the settings in this file stop reaching Railway: start command, healthcheck,
replicas and restart policy fall back to the dashboard's values without any error at deploy
time. A service cannot be managed by both forms, so the migration is a deliberate step.

## Example
```toml
[deploy]
startCommand = "npm start"
```

## Fixed
Run `railway config migrate`, which writes `.railway/railway.ts` from this file; review it,
commit it and delete the railway.toml/railway.json.

No automatic fix. To acknowledge the finding until the migration, suppress it in the file:
`# infralint: ignore-file[railway/config-as-code-deprecated] migrating in <ticket>`.
)md";

const RuleMeta kMeta{
    .id = "railway/config-as-code-deprecated",
    .title = "Railway Config as Code is deprecated",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

constexpr std::string_view kCutoff = "2026-12-01";

class ConfigAsCodeDeprecated final : public RailwayRule {
 public:
  ConfigAsCodeDeprecated() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config&, FindingSink& sink) const override {
    Span first_line = doc.lines().line_span(1);
    if (today() < kCutoff) {
      sink.report(first_line,
                  fmt::format("Railway is replacing Config as Code with Infrastructure as Code "
                              "(`.railway/railway.ts`): from {} this file is no longer "
                              "applied; migrate with `railway config migrate`",
                              kCutoff));
      return;
    }
    Finding& f = sink.report(
        first_line,
        fmt::format("Railway stopped applying Config as Code on {}: the settings in this file "
                    "no longer reach your deployments; migrate to Infrastructure as Code "
                    "(`.railway/railway.ts`) with `railway config migrate`",
                    kCutoff));
    f.severity = Severity::error;
  }
};

INFRALINT_REGISTER_RULE(ConfigAsCodeDeprecated);

}  // namespace
}  // namespace infralint
