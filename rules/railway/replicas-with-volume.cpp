#include <fmt/format.h>

#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A deployment (the base config or an environment, whose values override the base's) with
`deploy.requiredMountPath` and more than one replica: `numReplicas` above 1, or a
`multiRegionConfig` whose regions add up to more than 1.

## Why it matters
`requiredMountPath` makes the deployment wait for a volume mounted at that path. A Railway
volume attaches to one deployment at a time (Railway even stops the old deployment before the
new one mounts it), so replicas cannot share it: the extra replicas either do not start or do
not see the data the first one writes.

## Example
```toml
[deploy]
requiredMountPath = "/data"
numReplicas = 3
```

## Fixed
```toml
[deploy]
requiredMountPath = "/data"
numReplicas = 1
```

No automatic fix: scaling a stateful service means moving its state to a database or bucket.
)md";

const RuleMeta kMeta{
    .id = "railway/replicas-with-volume",
    .title = "Several replicas with a required volume mount",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

// The replicas a deployment runs, and the entry that sets them; 0 when not known.
std::pair<long long, const toml::Entry*> replicas(const railway::View& view) {
  if (const toml::Entry* regions = view.find("deploy", "multiRegionConfig");
      regions && regions->value->is_table()) {
    long long total = 0;
    for (const toml::Entry& r : regions->value->entries) {
      const toml::Node* n = r.value->is_table() ? r.value->get("numReplicas") : nullptr;
      if (n && n->type == toml::Type::integer) {
        try {
          total += std::stoll(n->text);
        } catch (...) {
        }
      }
    }
    return {total, regions};
  }
  if (const toml::Entry* n = view.find("deploy", "numReplicas");
      n && n->value->type == toml::Type::integer) {
    try {
      return {std::stoll(n->value->text), n};
    } catch (...) {
    }
  }
  return {0, nullptr};
}

class ReplicasWithVolume final : public RailwayRule {
 public:
  ReplicasWithVolume() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    ReportedSpans reported;
    for (const railway::View& view : config.views()) {
      const toml::Entry* mount = view.find("deploy", "requiredMountPath");
      if (!mount || mount->value->type != toml::Type::string || mount->value->text.empty())
        continue;
      auto [count, entry] = replicas(view);
      if (count <= 1 || !reported.first_time(entry->key_span)) continue;
      sink.report(entry->key_span,
                  fmt::format("{} replicas with `requiredMountPath` `{}` ({}); a Railway volume "
                              "attaches to one deployment at a time, so replicas cannot share "
                              "it: run 1 replica, or move the state off the volume",
                              count, mount->value->text, view.name()));
    }
  }
};

INFRALINT_REGISTER_RULE(ReplicasWithVolume);

}  // namespace
}  // namespace infralint
