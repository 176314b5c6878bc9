#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/railway_rule.hpp"
#include "fix/toml_edits.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`deploy.restartPolicyMaxRetries` where the restart policy is `NEVER`, in the base config or
an environment (an environment's policy overrides the base's).

## Why it matters
With `NEVER` Railway does not restart a crashed deployment, so the retry count does
nothing. It reads as if the service were restarted a few times, which it is not.

## Example
```toml
[deploy]
restartPolicyType = "NEVER"
restartPolicyMaxRetries = 5
```

## Fixed
```toml
[deploy]
restartPolicyType = "NEVER"
```

Fix (safe): removes `restartPolicyMaxRetries`, when every deployment that reads it
(the base config and each environment inheriting it) has the policy `NEVER`.
)md";

const RuleMeta kMeta{
    .id = "railway/restart-retries-with-never",
    .title = "Restart retries set with restart policy NEVER",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .fix = FixAvailability::always,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

bool is_never(const toml::Entry* policy) {
  if (!policy || policy->value->type != toml::Type::string) return false;
  std::string up = policy->value->text;
  for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return up == "NEVER";
}

class RestartRetriesWithNever final : public RailwayRule {
 public:
  RestartRetriesWithNever() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config& config, FindingSink& sink) const override {
    auto views = config.views();
    for (const railway::Setting& s :
         railway::settings_of(config, "deploy", "restartPolicyMaxRetries")) {
      // The deployments that read this entry; all of them must have NEVER.
      bool seen = false, all_never = true;
      for (const railway::View& v : views) {
        if (v.find("deploy", "restartPolicyMaxRetries") != s.entry) continue;
        seen = true;
        all_never = all_never && is_never(v.find("deploy", "restartPolicyType"));
      }
      if (!seen || !all_never) continue;
      auto removal = toml_edits::remove_entry(doc, *config.tree, *s.section->deploy, *s.entry);
      if (!removal) continue;
      sink.report(s.entry->key_span,
                  "`restartPolicyMaxRetries` has no effect: the restart policy is `NEVER`, so "
                  "Railway never restarts the deployment; remove it, or use `ON_FAILURE`",
                  Fix{"Remove restartPolicyMaxRetries", {*removal}, Applicability::safe});
    }
  }
};

INFRALINT_REGISTER_RULE(RestartRetriesWithNever);

}  // namespace
}  // namespace infralint
