#include "engine/rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A suppression of ours with nothing after its rule list: `# infralint: ignore[rule-id]` instead
of `# infralint: ignore[rule-id] the port is only reachable from the VPN`, or an
`infralint.dev/ignore` annotation entry without `: reason`. Opt-in: enable it with
`extend-select: [meta/suppression-without-reason]`.

## Why it matters
A reviewer, an auditor or the author a year later needs to know why the finding does not apply;
a bare suppression reads as "made the linter quiet".

## Example
```dockerfile
FROM alpine:3.20
# infralint: ignore[dockerfile/relative-workdir]
WORKDIR app
```

## Fixed
```dockerfile
FROM alpine:3.20
# infralint: ignore[dockerfile/relative-workdir] the base image sets WORKDIR /srv
WORKDIR app
```

No automatic fix: only the author knows the reason.
)md";

const RuleMeta kMeta{
    .id = "meta/suppression-without-reason",
    .title = "Suppression gives no reason",
    .severity = Severity::info,
    .categories = {Category::compliance},
    .fix = FixAvailability::none,
    .kinds = kEveryKind,
    .docs = kDocs,
    .opt_in = true,
};

// Reported by the engine (src/engine/suppressions.cpp, report_suppression_problems).
class SuppressionWithoutReason final : public Rule {
 public:
  SuppressionWithoutReason() : Rule(kMeta) {}
  void check(const Document&, FindingSink&) const override {}
};

INFRALINT_REGISTER_RULE(SuppressionWithoutReason);

}  // namespace
}  // namespace infralint
