#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`deploy.healthcheckTimeout` in a deployment (the base config, or an environment with what it
inherits) that has no `healthcheckPath`.

## Why it matters
Railway only runs a healthcheck when `healthcheckPath` is set; the timeout alone does
nothing, and the deployment gets traffic as soon as it starts. The author clearly meant to
gate deploys on health.

## Example
```toml
[deploy]
healthcheckTimeout = 120
```

## Fixed
```toml
[deploy]
healthcheckPath = "/health"
healthcheckTimeout = 120
```

No automatic fix: only you know the endpoint.
)md";

const RuleMeta kMeta{
    .id = "railway/healthcheck-timeout-without-path",
    .title = "Healthcheck timeout without a healthcheck path",
    .severity = Severity::warning,
    .categories = {Category::reliability, Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class HealthcheckTimeoutWithoutPath final : public RailwayRule {
 public:
  HealthcheckTimeoutWithoutPath() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    ReportedSpans reported;
    for (const railway::View& view : config.views()) {
      const toml::Entry* timeout = view.find("deploy", "healthcheckTimeout");
      if (!timeout || timeout->value->type == toml::Type::null) continue;
      const toml::Entry* path = view.find("deploy", "healthcheckPath");
      if (path && path->value->type == toml::Type::string && !path->value->text.empty()) continue;
      if (!reported.first_time(timeout->key_span)) continue;
      sink.report(timeout->key_span,
                  "`healthcheckTimeout` does nothing without `healthcheckPath` (in " + view.name() +
                      "): Railway runs no healthcheck and sends traffic to the deployment as "
                      "soon as it starts; add `healthcheckPath`");
    }
  }
};

INFRALINT_REGISTER_RULE(HealthcheckTimeoutWithoutPath);

}  // namespace
}  // namespace infralint
