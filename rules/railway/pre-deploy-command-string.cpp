#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`deploy.preDeployCommand` written as a string, in the base config or an environment.

## Why it matters
Railway's documentation writes `preDeployCommand` as an array of commands
(`["npm run db:migrate"]`), and the `DeployConfig` type of Railway's own SDK (the `railway`
npm package) is `string[]`. A string is accepted by the loose form of the schema, but it is
the shape the docs do not show, and `railway config migrate` / Infrastructure as Code expect
the array.

## Example
```toml
[deploy]
preDeployCommand = "npm run db:migrate"
```

## Fixed
```toml
[deploy]
preDeployCommand = ["npm run db:migrate"]
```

Fix (safe): wraps the string in an array of one command; the command runs the same way.
)md";

const RuleMeta kMeta{
    .id = "railway/pre-deploy-command-string",
    .title = "preDeployCommand written as a string, not an array",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .fix = FixAvailability::always,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class PreDeployCommandString final : public RailwayRule {
 public:
  PreDeployCommandString() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    for (const railway::Setting& s : railway::settings_of(config, "deploy", "preDeployCommand")) {
      const toml::Node& v = *s.entry->value;
      if (v.type != toml::Type::string) continue;
      Span open{v.span.begin, v.span.begin};
      Span close{v.span.end, v.span.end};
      sink.report(v.span,
                  "`preDeployCommand` is a string; Railway documents it as an array of "
                  "commands: write `[\"...\"]`",
                  Fix{"Wrap preDeployCommand in an array", {{open, "["}, {close, "]"}},
                      Applicability::safe});
    }
  }
};

INFRALINT_REGISTER_RULE(PreDeployCommandString);

}  // namespace
}  // namespace infralint
