#include <fmt/format.h>

#include <charconv>

#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Railway number outside what it can mean:
- `healthcheckTimeout` of 0 or less (seconds Railway waits for the healthcheck);
- `restartPolicyMaxRetries`, `numReplicas` (also a region's) below 0;
- `overlapSeconds`, `drainingSeconds`, `preDeployTimeoutSeconds` below 0.

## Why it matters
A zero or negative timeout fails every deploy, or is replaced by a default you did not
choose; negative counts are rejected by Railway's API.

## Example
```toml
[deploy]
healthcheckTimeout = 0
```

## Fixed
```toml
[deploy]
healthcheckTimeout = 120
```

No automatic fix: only you know the value you meant.
)md";

const RuleMeta kMeta{
    .id = "railway/value-out-of-range",
    .title = "Railway number out of range",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

// An integer, or a string holding one (the docs write some seconds as strings).
std::optional<long long> number_in(const toml::Node& v) {
  if (v.type != toml::Type::integer && v.type != toml::Type::string) return std::nullopt;
  long long n = 0;
  auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
  if (ec != std::errc() || end != v.text.data() + v.text.size()) return std::nullopt;
  return n;
}

class ValueOutOfRange final : public RailwayRule {
 public:
  ValueOutOfRange() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    struct Limit {
      std::string_view key;
      long long min;
      std::string_view meaning;
    };
    for (const Limit& limit :
         {Limit{"healthcheckTimeout", 1, "seconds to wait for the healthcheck"},
          Limit{"restartPolicyMaxRetries", 0, "restarts"}, Limit{"numReplicas", 0, "replicas"},
          Limit{"overlapSeconds", 0, "seconds"}, Limit{"drainingSeconds", 0, "seconds"},
          Limit{"preDeployTimeoutSeconds", 0, "seconds"}}) {
      for (const railway::Setting& s : railway::settings_of(config, "deploy", limit.key)) {
        auto n = number_in(*s.entry->value);
        if (!n || *n >= limit.min) continue;
        sink.report(s.entry->value->span,
                    fmt::format("`{}` is {}, but it counts {} and must be {}", limit.key, *n,
                                limit.meaning, limit.min == 1 ? "at least 1" : "0 or more"));
      }
    }
    for (const railway::Setting& s : railway::settings_of(config, "deploy", "multiRegionConfig")) {
      if (!s.entry->value->is_table()) continue;
      for (const toml::Entry& region : s.entry->value->entries) {
        const toml::Node* replicas =
            region.value->is_table() ? region.value->get("numReplicas") : nullptr;
        auto n = replicas ? number_in(*replicas) : std::nullopt;
        if (n && *n < 0)
          sink.report(replicas->span, fmt::format("`numReplicas` of region `{}` is {}, but it "
                                                  "must be 0 or more",
                                                  region.key, *n));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(ValueOutOfRange);

}  // namespace
}  // namespace infralint
