#include <fmt/format.h>

#include "engine/railway_rule.hpp"
#include "fix/toml_edits.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `deploy.healthcheckPath` that does not start with `/`: `health`, `api/health`, or a full
URL (`http://localhost:3000/health`).

## Why it matters
Railway requests the path on the deployment's `$PORT` from host `healthcheck.railway.app`;
it is a URL path, not a URL. A path without its leading slash or a full URL does not name
the endpoint, and the deploy fails its healthcheck.

## Example
```toml
[deploy]
healthcheckPath = "api/health"
```

## Fixed
```toml
[deploy]
healthcheckPath = "/api/health"
```

Fix (unsafe): prefixes `/` to a relative path (no fix for a full URL). Unsafe because the
healthcheck starts to run and can fail the deploy.
)md";

const RuleMeta kMeta{
    .id = "railway/healthcheck-path-not-absolute",
    .title = "Healthcheck path without a leading slash",
    .severity = Severity::error,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class HealthcheckPathNotAbsolute final : public RailwayRule {
 public:
  HealthcheckPathNotAbsolute() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config& config, FindingSink& sink) const override {
    for (const railway::Setting& s : railway::settings_of(config, "deploy", "healthcheckPath")) {
      const toml::Node& v = *s.entry->value;
      if (v.type != toml::Type::string || v.text.empty() || v.text.starts_with('/')) continue;
      if (v.text.find("://") != std::string::npos) {
        sink.report(v.span, fmt::format("`healthcheckPath` is a URL (`{}`); Railway wants only "
                                        "the path (e.g. `/health`) and calls it on `$PORT`",
                                        v.text));
        continue;
      }
      std::string fixed = "/" + v.text;
      sink.report(
          v.span,
          fmt::format("`healthcheckPath` `{}` does not start with `/`; write `{}`", v.text, fixed),
          Fix{fmt::format("Write `{}`", fixed),
              {toml_edits::replace_string(doc, v, fixed)},
              Applicability::unsafe});
    }
  }
};

INFRALINT_REGISTER_RULE(HealthcheckPathNotAbsolute);

}  // namespace
}  // namespace infralint
