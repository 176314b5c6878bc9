#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/railway_rule.hpp"
#include "fix/toml_edits.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`build.builder` or `deploy.restartPolicyType` set to a value the schema does not have:
`builder = "docker"`, `restartPolicyType = "on-failure"`, `restartPolicyType = "UNLESS_STOPPED"`.
Builders: `RAILPACK`, `DOCKERFILE` (and the deprecated `NIXPACKS`, `HEROKU`, `PAKETO`);
restart policies: `ON_FAILURE`, `ALWAYS`, `NEVER`. Case alone is
`railway/lowercase-enum-value`.

## Why it matters
Railway cannot map the value to a builder or policy: the deploy fails validation, or the
setting falls back to the dashboard's value without telling you.

## Example
```toml
[deploy]
restartPolicyType = "on-failure"
```

## Fixed
```toml
[deploy]
restartPolicyType = "ON_FAILURE"
```

Fix (unsafe): when the value is a schema value but for `-` instead of `_` or a space
(`on-failure`), writes the schema's spelling; the setting then takes effect.
)md";

const RuleMeta kMeta{
    .id = "railway/unknown-enum-value",
    .title = "Railway enum value not in the schema",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

std::string normalised(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == '-' || c == ' ') c = '_';
  }
  return out;
}

class UnknownEnumValue final : public RailwayRule {
 public:
  UnknownEnumValue() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config& config, FindingSink& sink) const override {
    for (auto [section, key] : {std::pair{"build", "builder"}, {"deploy", "restartPolicyType"}}) {
      const railway::KeyInfo* info = railway::find_key(section, key);
      std::string allowed = fmt::format("`{}`", fmt::join(info->values, "`, `"));
      for (const railway::Setting& s : railway::settings_of(config, section, key)) {
        const toml::Node& v = *s.entry->value;
        if (v.type != toml::Type::string) continue;
        std::string norm = normalised(v.text);
        bool known =
            std::find(info->values.begin(), info->values.end(), norm) != info->values.end();
        std::string upper_only = v.text;
        for (char& c : upper_only)
          c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (norm == upper_only && known) continue;  // right, or only the case differs
        std::string message =
            fmt::format("`{}` is not a {} Railway knows ({})", v.text, key, allowed);
        if (!known) {
          sink.report(v.span, std::move(message));
          continue;
        }
        sink.report(v.span, fmt::format("{}; did you mean `{}`?", message, norm),
                    Fix{fmt::format("Write `{}`", norm),
                        {toml_edits::replace_string(doc, v, norm)},
                        Applicability::unsafe});
      }
    }
  }
};

INFRALINT_REGISTER_RULE(UnknownEnumValue);

}  // namespace
}  // namespace infralint
