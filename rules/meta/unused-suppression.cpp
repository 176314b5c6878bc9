#include "engine/rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A suppression of ours — `# infralint: ignore[rule-id] reason`,
`# infralint: ignore-file[rule-id] reason`, or the Kubernetes annotation
`infralint.dev/ignore: "rule-a,rule-b"` — that suppresses nothing, or that names no rule
(a typo, a rule that was removed). Ids may be rule ids, former ids, or peer ids such as
`DL3008` or `kube-linter:run-as-non-root`.

Peers' own suppressions (`# hadolint ignore=`, `# hadolint global ignore=`, BuildKit's
`# check=skip=`, kube-linter's `ignore-check.kube-linter.io/<check>` annotation) are honoured
through the rules' aliases but never reported: they may name checks infralint does not have.

## Why it matters
A stale suppression hides the next real problem on that line; a misspelt one hides nothing
while its author believes it does.

## Example
```dockerfile
FROM alpine:3.20
# infralint: ignore[dockerfile/relative-workdir] the build sets it
WORKDIR /app
```

## Fixed
```dockerfile
FROM alpine:3.20
WORKDIR /app
```

The fix is safe: it deletes the suppression comment (the whole line when the comment stands
alone). An annotation is not removed automatically: it may carry other rules still in use. The engine reports these findings after the other rules ran and the suppressions were
matched, running the rules a suppression names when they were not selected.
)md";

const RuleMeta kMeta{
    .id = "meta/unused-suppression",
    .title = "Suppression suppresses nothing",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::sometimes,
    .kinds = kEveryKind,
    .docs = kDocs,
};

// The engine (src/engine/runner.cpp) reports these: only it sees every rule's findings and
// which suppressions matched them. This class carries the metadata and docs.
class UnusedSuppression final : public Rule {
 public:
  UnusedSuppression() : Rule(kMeta) {}
  void check(const Document&, FindingSink&) const override {}
};

INFRALINT_REGISTER_RULE(UnusedSuppression);

}  // namespace
}  // namespace infralint
