#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/railway_rule.hpp"
#include "fix/toml_edits.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`build.builder` or `deploy.restartPolicyType` written in lower or mixed case:
`builder = "dockerfile"`, `restartPolicyType = "on_failure"`.

## Why it matters
The schema's values are uppercase (`DOCKERFILE`, `ON_FAILURE`). Railway's own docs have
alternated between cases in their TOML examples, so lowercase is probably accepted today;
uppercase is what the schema, editors' validation and the JSON form agree on, and costs
nothing. Severity info: a matter of consistency, not a broken deploy.

## Example
```toml
[deploy]
restartPolicyType = "on_failure"
```

## Fixed
```toml
[deploy]
restartPolicyType = "ON_FAILURE"
```

Fix (safe): uppercases the value.
)md";

const RuleMeta kMeta{
    .id = "railway/lowercase-enum-value",
    .title = "Railway enum value not in uppercase",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .fix = FixAvailability::always,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

class LowercaseEnumValue final : public RailwayRule {
 public:
  LowercaseEnumValue() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config& config, FindingSink& sink) const override {
    for (auto [section, key] : {std::pair{"build", "builder"}, {"deploy", "restartPolicyType"}}) {
      const railway::KeyInfo* info = railway::find_key(section, key);
      for (const railway::Setting& s : railway::settings_of(config, section, key)) {
        const toml::Node& v = *s.entry->value;
        if (v.type != toml::Type::string) continue;
        std::string up = upper(v.text);
        if (up == v.text ||
            std::find(info->values.begin(), info->values.end(), up) == info->values.end())
          continue;
        sink.report(
            v.span,
            fmt::format("`{}` is written `{}`; Railway's schema spells it `{}`", key, v.text, up),
            Fix{fmt::format("Write `{}`", up),
                {toml_edits::replace_string(doc, v, up)},
                Applicability::safe});
      }
    }
  }
};

INFRALINT_REGISTER_RULE(LowercaseEnumValue);

}  // namespace
}  // namespace infralint
