#include <fmt/format.h>

#include <set>

#include "engine/compose_rule.hpp"
#include "model/compose_interpolation.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A value with a substitution Compose cannot parse: `${}` or `${1X}` (no variable name), an
unclosed `${VAR`, or a shell operator Compose does not have (`${VAR/a/b}`, `${VAR:0:2}`,
`${#VAR}`). Compose supports `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
`${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}` and nesting in defaults; `$$` is
a literal `$`. The finding points at the exact substitution.

## Why it matters
Compose refuses the whole file: "Invalid template: ...". The usual cause is a shell command
in `command:` or `healthcheck.test` using shell syntax that Compose tries to interpolate
first; doubling the `$` hands it to the shell.

## Example
```yaml
services:
  app:
    image: busybox:1.36
    command: sh -c 'echo ${HOSTNAME:0:8}'
```

## Fixed
```yaml
services:
  app:
    image: busybox:1.36
    command: sh -c 'echo $${HOSTNAME:0:8}'
```

No automatic fix: whether Compose or the shell was meant to substitute is your call.
Note that `${VAR:+alt}` / `${VAR+alt}` need a recent Compose (compose-go 2024+).
)md";

const RuleMeta kMeta{
    .id = "compose/invalid-interpolation",
    .title = "Malformed variable substitution",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class InvalidInterpolation final : public ComposeRule {
 public:
  InvalidInterpolation() : ComposeRule(kMeta) {}

 protected:
  void check(const Document&, const ComposeFile& file, FindingSink& sink) const override {
    std::set<const yaml::Node*> seen;  // aliased nodes are shared: report each once
    visit(file.root, seen, sink);
  }

 private:
  void visit(const yaml::Node& node, std::set<const yaml::Node*>& seen, FindingSink& sink) const {
    if (!seen.insert(&node).second) return;
    if (node.is_scalar()) {
      if (node.type != yaml::ScalarType::string) return;
      auto error = find_interpolation_error(node.value);
      if (!error) return;
      sink.report(span_within_scalar(node, error->offset, error->length),
                  fmt::format("`{}` is not a substitution Compose understands: {}",
                              node.value.substr(error->offset, error->length), error->message));
      return;
    }
    for (const yaml::Pair& p : node.pairs) visit(*p.value, seen, sink);
    for (const yaml::Node* item : node.items) visit(*item, seen, sink);
  }
};

INFRALINT_REGISTER_RULE(InvalidInterpolation);

}  // namespace
}  // namespace infralint
