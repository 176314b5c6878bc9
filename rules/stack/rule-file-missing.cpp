#include <fmt/format.h>

#include "engine/stack_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An entry of `prometheus.yml`'s `rule_files` that names no file: a path that does not exist, or a
glob (in the file name) that matches nothing. Paths are relative to `prometheus.yml`.

Judged only inside a repository checkout, as rule files are deployed from the same repository;
entries naming files that live elsewhere (mounted at run time) go under `external-services`.

## Why it matters
Prometheus expands every entry with a glob and loads what it finds: a missing file is not an
error (`promtool check config` passes), so every alert of that file is silently never evaluated
and nobody is paged.

## Example
```yaml
rule_files:
  - "alert.yml"     # the file is alerts.yml
```

## Fixed
```yaml
rule_files:
  - "alerts.yml"
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "stack/rule-file-missing",
    .title = "prometheus.yml loads a rule file that does not exist",
    .severity = Severity::error,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::none,
    .kinds = {Kind::prometheus_config},
    .docs = kDocs,
    .options = {kExternalServicesOption},
};

class RuleFileMissing final : public StackRule {
 public:
  RuleFileMissing() : StackRule(kMeta) {}

  void check(const stack::Stack& stack, StackSink& sink) const override {
    for (const stack::Edge& e : stack.edges) {
      if (e.kind != stack::EdgeKind::rule_file || e.problem != stack::Problem::missing_file)
        continue;
      if (sink.external(e.from.doc, e.name)) continue;
      bool glob = e.name.find_first_of("*?[") != std::string::npos;
      sink.report(e.from,
                  fmt::format("rule_files entry `{}` {}: Prometheus loads nothing from it, "
                              "silently, so its alerts never fire",
                              e.name, glob ? "matches no file" : "names no file"));
    }
  }
};

INFRALINT_REGISTER_RULE(RuleFileMissing);

}  // namespace
}  // namespace infralint
