#include <fmt/format.h>

#include "engine/railway_rule.hpp"
#include "fix/toml_edits.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
- a railway.json without `"$schema"`;
- a `$schema` (JSON or TOML) on Railway's old domain,
  `https://railway.app/railway.schema.json` or
  `https://schema.railway.app/json/railway.schema.json`.

## Why it matters
Editors validate and complete railway.json against the schema named in `$schema`: without
it, a misspelt key or a wrong type is only found at deploy time. Railway moved from
railway.app to railway.com; the old URL depends on a redirect.

## Example
```json
{
  "deploy": { "startCommand": "npm start" }
}
```

## Fixed
```json
{
  "$schema": "https://railway.com/railway.schema.json",
  "deploy": { "startCommand": "npm start" }
}
```

Fix (safe): adds `$schema` as the first member, or moves the URL to railway.com. Editors
read it; Railway does not.
)md";

const RuleMeta kMeta{
    .id = "railway/schema-not-current",
    .title = "railway.json without the current $schema",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .fix = FixAvailability::always,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

class SchemaNotCurrent final : public RailwayRule {
 public:
  SchemaNotCurrent() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config& config, FindingSink& sink) const override {
    const toml::Node* root = config.tree->root;
    if (!root->is_table()) return;
    const toml::Entry* schema = root->entry("$schema");
    if (!schema) {
      if (!config.json()) return;  // TOML has no tooling that reads it
      auto edit = toml_edits::insert_first_member(doc, *root, "$schema",
                                                  fmt::format("\"{}\"", railway::kSchemaUrl));
      if (!edit) return;
      Span at{root->span.begin, root->span.begin + 1};
      sink.report(at,
                  fmt::format("railway.json has no `$schema`, so editors cannot check it; "
                              "add `\"$schema\": \"{}\"`",
                              railway::kSchemaUrl),
                  Fix{"Add $schema", {*edit}, Applicability::safe});
      return;
    }
    const toml::Node& v = *schema->value;
    if (v.type != toml::Type::string) return;
    // railway.app/railway.schema.json and schema.railway.app/json/railway.schema.json are
    // the older addresses seen in the wild.
    if (v.text != railway::kSchemaUrl && v.text.find("railway.app") != std::string::npos &&
        v.text.ends_with("railway.schema.json")) {
      sink.report(
          v.span,
          fmt::format("`$schema` points at Railway's old domain; use `{}`", railway::kSchemaUrl),
          Fix{"Use the railway.com schema URL",
              {toml_edits::replace_string(doc, v, railway::kSchemaUrl)},
              Applicability::safe});
    }
  }
};

INFRALINT_REGISTER_RULE(SchemaNotCurrent);

}  // namespace
}  // namespace infralint
