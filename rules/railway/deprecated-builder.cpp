#include <fmt/format.h>

#include <cctype>

#include "engine/railway_rule.hpp"
#include "fix/toml_edits.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
- `build.builder` set to a builder Railway has deprecated: `NIXPACKS` (deprecated on
  2025-09-16, replaced by Railpack as the default), `HEROKU` and `PAKETO` (dropped from the
  docs on 2025-09-11), in any case;
- the Nixpacks settings `nixpacksConfigPath`, `nixpacksPlan` and `nixpacksVersion`, which only
  the Nixpacks builder reads.

## Why it matters
Deprecated builders get no fixes and no new language versions, and Railway may stop
running them. Railpack is the default builder and reads the same project layouts; a
Dockerfile (`DOCKERFILE`) pins the build completely.

## Example
```toml
[build]
builder = "NIXPACKS"
nixpacksPlan = { phases = { setup = { nixPkgs = ["ffmpeg"] } } }
```

## Fixed
```toml
[build]
builder = "RAILPACK"
```
Railpack's equivalents of a Nixpacks plan are `RAILPACK_*` variables or a `railpack.json`.

Fix (unsafe): `NIXPACKS` → `RAILPACK`. Unsafe because Railpack builds differently (other
base images and install steps): test the build. `HEROKU`/`PAKETO` and the `nixpacks*` keys
need a choice between Railpack and a Dockerfile, so they get no fix.
)md";

const RuleMeta kMeta{
    .id = "railway/deprecated-builder",
    .title = "Deprecated Railway builder or Nixpacks setting",
    .severity = Severity::warning,
    .categories = {Category::reliability},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class DeprecatedBuilder final : public RailwayRule {
 public:
  DeprecatedBuilder() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config& config, FindingSink& sink) const override {
    for (const railway::Setting& s : railway::settings_of(config, "build", "builder")) {
      const toml::Node& v = *s.entry->value;
      if (v.type != toml::Type::string) continue;
      std::string up = v.text;
      for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (up == "NIXPACKS") {
        sink.report(v.span,
                    "builder `" + v.text +
                        "` is deprecated since 2025-09-16: Railpack replaced Nixpacks as "
                        "Railway's builder; use `RAILPACK` (or `DOCKERFILE` to pin the build)",
                    Fix{"Build with Railpack",
                        {toml_edits::replace_string(doc, v, "RAILPACK")},
                        Applicability::unsafe});
      } else if (up == "HEROKU" || up == "PAKETO") {
        sink.report(v.span, fmt::format("builder `{}` (Cloud Native Buildpacks) was dropped from "
                                        "Railway's docs on 2025-09-11; use `RAILPACK`, or "
                                        "`DOCKERFILE` with a Dockerfile",
                                        v.text));
      }
    }
    for (std::string_view key : {"nixpacksConfigPath", "nixpacksPlan", "nixpacksVersion"})
      for (const railway::Setting& s : railway::settings_of(config, "build", key))
        sink.report(s.entry->key_span,
                    fmt::format("`{}` configures the deprecated Nixpacks builder; Railpack "
                                "ignores it (its settings are `RAILPACK_*` variables or a "
                                "railpack.json)",
                                key));
  }
};

INFRALINT_REGISTER_RULE(DeprecatedBuilder);

}  // namespace
}  // namespace infralint
