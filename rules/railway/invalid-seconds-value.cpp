#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`deploy.overlapSeconds` or `deploy.drainingSeconds` written as a string that is not a
whole number of seconds (`"60s"`, `"1m"`, `"ten"`, `""`), or as a fractional number.

## Why it matters
Both settings are a count of seconds: how long the old deployment overlaps the new one, and
how long Railway waits between SIGTERM and SIGKILL. Railway's documentation writes them as
strings of digits (`"60"`), and the `DeployConfig` type of Railway's own SDK (the `railway`
npm package) as numbers; either form holds digits only. A unit suffix or a word is not a
number of seconds, so the setting cannot be read as the author meant it.

## Example
```toml
[deploy]
overlapSeconds = "60s"
```

## Fixed
```toml
[deploy]
overlapSeconds = "60"
```

No automatic fix: a value like `"1m"` needs the author to say which number of seconds is
meant.
)md";

const RuleMeta kMeta{
    .id = "railway/invalid-seconds-value",
    .title = "overlapSeconds/drainingSeconds is not a whole number of seconds",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

bool all_digits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

class InvalidSecondsValue final : public RailwayRule {
 public:
  InvalidSecondsValue() : RailwayRule(kMeta) {}

 protected:
  void check(const Document&, const railway::Config& config, FindingSink& sink) const override {
    for (std::string_view key : {"overlapSeconds", "drainingSeconds"}) {
      for (const railway::Setting& s : railway::settings_of(config, "deploy", key)) {
        const toml::Node& v = *s.entry->value;
        if (v.type == toml::Type::string && !all_digits(v.text)) {
          sink.report(v.span, fmt::format("`{}` is \"{}\", not a whole number of seconds; "
                                          "write the seconds as digits only, e.g. \"60\"",
                                          key, v.text));
        } else if (v.type == toml::Type::floating) {
          sink.report(v.span, fmt::format("`{}` is {}, not a whole number of seconds; write "
                                          "an integer",
                                          key, v.text));
        }
      }
    }
  }
};

INFRALINT_REGISTER_RULE(InvalidSecondsValue);

}  // namespace
}  // namespace infralint
