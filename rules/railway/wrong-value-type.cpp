#include <fmt/format.h>

#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A Railway config value of the wrong type:
- a scalar setting written as a table or an array of tables, a shape seen in public
  repositories: `[deploy.healthcheckTimeout]` with `value = 300`, `[[deploy.healthcheckPath]]`
  with `path = "/health"`;
- a value of another type than the schema's: `numReplicas = "2"`, `healthcheckTimeout = 30.5`,
  `watchPatterns = "src/**"`, `sleepApplication = "true"`;
- `build`, `deploy`, `environments` or an environment that is not a table, and a
  `multiRegionConfig` region without an integer `numReplicas`.

## Why it matters
Railway's schema is strict about types; a value it cannot read is rejected or, worse,
dropped, and the deployment runs with the dashboard's value instead of the one in the
repository.

## Example
```toml
[deploy.healthcheckTimeout]
value = 300
```

## Fixed
```toml
[deploy]
healthcheckTimeout = 300
```

No automatic fix: the right rewrite depends on what the author meant.
)md";

const RuleMeta kMeta{
    .id = "railway/wrong-value-type",
    .title = "Railway config value of the wrong type",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

// What the value is, as a reader of the file sees it.
std::string written_as(const Document& doc, const toml::Node& v) {
  if (v.header && v.is_array()) return fmt::format("an array of tables (`{}`)", doc.slice(v.span));
  if (v.header) return fmt::format("a table (`{}`)", doc.slice(v.span));
  if (v.is_table()) return "a table";
  return std::string(toml::to_string(v.type));
}

class WrongValueType final : public RailwayRule {
 public:
  WrongValueType() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config& config, FindingSink& sink) const override {
    const toml::Node* root = config.tree->root;
    if (!root->is_table()) {
      sink.report(root->span, fmt::format("a Railway config is an object of `build`, `deploy` "
                                          "and `environments`, not {}",
                                          toml::to_string(root->type)));
      return;
    }
    check_section_tables(doc, *root, "", sink);
    if (const toml::Entry* envs = root->entry("environments")) {
      if (!envs->value->is_table()) {
        report_not_table(doc, *envs, "`environments` maps environment names to overrides", sink);
      } else {
        for (const toml::Entry& env : envs->value->entries) {
          if (!env.value->is_table())
            report_not_table(doc, env, "an environment override holds `build` and `deploy`", sink);
          else
            check_section_tables(doc, *env.value, env.key, sink);
        }
      }
    }
    if (const toml::Entry* schema = root->entry("$schema");
        schema && schema->value->type != toml::Type::string)
      sink.report(schema->value->span,
                  fmt::format("`$schema` is {}, but it must be the schema's URL as a string",
                              written_as(doc, *schema->value)));
    check_keys(doc, config.base, sink);
    for (const railway::Section& env : config.environments) check_keys(doc, env, sink);
  }

 private:
  static void report_not_table(const Document& doc, const toml::Entry& e, std::string_view why,
                               FindingSink& sink) {
    sink.report(e.value->span,
                fmt::format("`{}` is {}, but {}", e.key, written_as(doc, *e.value), why));
  }

  static void check_section_tables(const Document& doc, const toml::Node& table,
                                   std::string_view environment, FindingSink& sink) {
    for (std::string_view name : {"build", "deploy"}) {
      const toml::Entry* e = table.entry(name);
      if (!e || e->value->is_table()) continue;
      sink.report(
          e->value->span,
          fmt::format("`{}`{} is {}, but it must be a table of settings", name,
                      environment.empty() ? std::string()
                                          : fmt::format(" of environment `{}`", environment),
                      written_as(doc, *e->value)));
    }
  }

  static void check_keys(const Document& doc, const railway::Section& s, FindingSink& sink) {
    for (std::string_view name : {"build", "deploy"}) {
      const toml::Node* table = name == "build" ? s.build : s.deploy;
      if (!table) continue;
      for (const toml::Entry& e : table->entries) {
        const railway::KeyInfo* key = railway::find_key(name, e.key);
        if (!key) continue;
        if (!railway::fits(key->shape, *e.value)) {
          std::string hint;
          if (e.value->header && key->shape != railway::Shape::table)
            hint = fmt::format("; write `{} = <value>` under `[{}]`", e.key, name);
          sink.report(e.value->span,
                      fmt::format("`{}.{}` is {}, but Railway expects {}{}", name, e.key,
                                  written_as(doc, *e.value), railway::describe(key->shape), hint));
          continue;
        }
        if (e.key == "multiRegionConfig") check_regions(doc, *e.value, sink);
      }
    }
  }

  static void check_regions(const Document& doc, const toml::Node& regions, FindingSink& sink) {
    if (!regions.is_table()) return;
    for (const toml::Entry& region : regions.entries) {
      const toml::Node* replicas =
          region.value->is_table() ? region.value->get("numReplicas") : nullptr;
      if (!region.value->is_table())
        sink.report(region.value->span,
                    fmt::format("region `{}` is {}, but Railway expects a table with "
                                "`numReplicas`",
                                region.key, written_as(doc, *region.value)));
      else if (replicas && replicas->type != toml::Type::integer)
        sink.report(replicas->span,
                    fmt::format("`numReplicas` of region `{}` is {}, but Railway expects an "
                                "integer",
                                region.key, written_as(doc, *replicas)));
    }
  }
};

INFRALINT_REGISTER_RULE(WrongValueType);

}  // namespace
}  // namespace infralint
