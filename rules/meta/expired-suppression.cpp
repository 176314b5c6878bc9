#include "engine/rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A suppression of ours whose `until=YYYY-MM-DD` date has passed:
`# infralint: ignore[rule-id] reason until=2026-03-31`, the same in `ignore-file[...]` or in the
Kubernetes annotation `infralint.dev/ignore: "rule-id: reason until=2026-03-31"`. The
suppression covers findings up to and including that day; from the day after it hides nothing,
so the findings it hid are reported again, and this finding points at the suppression.
pint's `# pint snooze 2026-03-31 <check>` expires the same way (not reported: it is pint's).

## Why it matters
"We will fix it next sprint" suppressions outlive their sprint. A date makes the debt visible
again on its own, and this finding says why the old findings came back.

## Example
```dockerfile
FROM alpine:3.20
# infralint: ignore[dockerfile/relative-workdir] migration ticket OPS-12 until=2020-01-31
WORKDIR app
```

## Fixed
```dockerfile
FROM alpine:3.20
WORKDIR /app
```

The fix (unsafe: the findings stay) deletes the expired comment; the better fix is the finding's.
)md";

const RuleMeta kMeta{
    .id = "meta/expired-suppression",
    .title = "Suppression is past its date",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::sometimes,
    .kinds = kEveryKind,
    .docs = kDocs,
};

// Reported by the engine (src/engine/suppressions.cpp, report_suppression_problems).
class ExpiredSuppression final : public Rule {
 public:
  ExpiredSuppression() : Rule(kMeta) {}
  void check(const Document&, FindingSink&) const override {}
};

INFRALINT_REGISTER_RULE(ExpiredSuppression);

}  // namespace
}  // namespace infralint
