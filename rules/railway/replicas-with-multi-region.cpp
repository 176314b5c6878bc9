#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`deploy.numReplicas` and `deploy.multiRegionConfig` in the same deployment (the base config,
or an environment with what it inherits).

## Why it matters
`multiRegionConfig` gives each region its own `numReplicas`; a separate total says
something else, and which one Railway applies is not documented. Keep one source of truth.

## Example
```toml
[deploy]
numReplicas = 3

[deploy.multiRegionConfig.us-west2]
numReplicas = 2
```

## Fixed
```toml
[deploy.multiRegionConfig.us-west2]
numReplicas = 2
```

No automatic fix: only you know which count is meant.
)md";

const RuleMeta kMeta{
    .id = "railway/replicas-with-multi-region",
    .title = "numReplicas together with multiRegionConfig",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class ReplicasWithMultiRegion final : public RailwayRule {
 public:
  ReplicasWithMultiRegion() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    ReportedSpans reported;
    for (const railway::View& view : config.views()) {
      const toml::Entry* replicas = view.find("deploy", "numReplicas");
      const toml::Entry* regions = view.find("deploy", "multiRegionConfig");
      if (!replicas || !regions || replicas->value->type == toml::Type::null ||
          regions->value->type == toml::Type::null || !reported.first_time(replicas->key_span))
        continue;
      sink.report(replicas->key_span,
                  "`numReplicas` is set together with `multiRegionConfig` (in " + view.name() +
                      "), which sets replicas per region; keep only `multiRegionConfig`")
          .related.push_back({regions->key_span, "the per-region replicas"});
    }
  }
};

INFRALINT_REGISTER_RULE(ReplicasWithMultiRegion);

}  // namespace
}  // namespace infralint
