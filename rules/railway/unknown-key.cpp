#include <fmt/format.h>

#include <utility>

#include "engine/railway_rule.hpp"
#include "model/railway_split.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A key Railway's config schema does not have, at its exact position:
- at the top level, anything but `$schema`, `build`, `deploy` and `environments`: `[[services]]`,
  `[service]`, `[app]`, `variables`. Each `[[services]]` header is reported, and the tables
  written inside them (`[services.variables]`, `[services.healthcheck]`), since none of their
  settings reach Railway;
- under `build` or `deploy` (in the base config or an `environments.<name>` override), a key
  that is not in the schema, with the key you probably meant: `restartPolicy` →
  `restartPolicyType`, `healthCheckPath` → `healthcheckPath`, `startcommand` → `startCommand`,
  or a key that belongs in the other table (`startCommand` under `[build]`);
- under `environments.<name>`, anything but `build` and `deploy`;
- under `deploy.multiRegionConfig.<region>`, anything but `numReplicas`.

## Why it matters
Railway does not document that it rejects unknown keys, and files in the wild show it
deploys with them: the setting silently has no effect. A config-as-code file configures
**one** service's deployment; `[[services]]` blocks with names, sources and variables are
another tool's format, and everything in them is ignored — including the variables the
author thinks are set.

## Example
```toml
[deploy]
restartPolicy = "ON_FAILURE"

[[services]]
name = "api"
```

## Fixed
```toml
[deploy]
restartPolicyType = "ON_FAILURE"
```
Give each service its own `railway.toml` in its directory, selected by the service's
"Railway Config File" setting, and set variables in Railway (dashboard or
`railway variables`).

Fixes (unsafe):
- renames a misspelt key to the schema's key when exactly one is close and the table does
  not already have it. Unsafe because the setting starts to take effect;
- on the first `[[services]]` block: splits the file into one `railway.toml` per service,
  created in each service's `source` directory (when it exists and has no Railway config
  yet) with the settings Railway understands (`build.*`, `deploy.*`, `healthcheck.path` and
  `timeout`); the variables are listed in a comment, since Railway reads them from its
  dashboard. The `[[services]]` blocks are commented out, not deleted. Unsafe because each
  service must then be pointed at its file ("Railway Config File" in its settings).
)md";

const RuleMeta kMeta{
    .id = "railway/unknown-key",
    .title = "Key not in Railway's config schema",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

std::string quoted_like(std::string_view written, std::string_view key) {
  if (!written.empty() && (written.front() == '"' || written.front() == '\''))
    return fmt::format("{}{}{}", written.front(), key, written.front());
  return std::string(key);
}

class UnknownKey final : public RailwayRule {
 public:
  UnknownKey() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config& config, FindingSink& sink) const override {
    const toml::Node* root = config.tree->root;
    if (!root->is_table()) return;
    for (const toml::Entry& e : root->entries) {
      if (railway::suggest_key("", e.key) == e.key) continue;
      report_top_level(doc, config, e, sink);
    }
    check_section(doc, config.base, sink);
    for (const railway::Section& env : config.environments) {
      for (const toml::Entry& e : env.entry->value->entries) {
        if (e.key == "build" || e.key == "deploy") continue;
        sink.report(e.key_span,
                    fmt::format("`{}` in environment `{}` is not a Railway config key: an "
                                "environment override holds only `build` and `deploy`, so this "
                                "has no effect",
                                e.key, env.environment));
      }
      check_section(doc, env, sink);
    }
  }

 private:
  void report_top_level(const Document& doc, const railway::Config& config, const toml::Entry& e,
                        FindingSink& sink) const {
    const toml::Node& v = *e.value;
    if (e.key == "services" && v.is_array()) {
      // The split into per-service files rides on the first block's finding.
      auto split = railway::split_services(doc, config);
      for (const toml::Node* service : v.items) {
        Span at = service->header ? service->span : e.key_span;
        Finding& f =
            sink.report(at, fmt::format("`{}` is not part of Railway's config: a config file "
                                        "configures one service's deployment (`build`, `deploy`, "
                                        "`environments`), so this service block and everything "
                                        "in it is ignored; give each service its own config file "
                                        "in its directory",
                                        service->header ? "[[services]]" : "services"));
        if (split) f.fix = std::exchange(split, std::nullopt);
        if (!service->is_table()) continue;
        for (const toml::Entry& inner : service->entries)
          if (inner.value->header) sink.report(inner.value->span, nested_message(doc, inner));
      }
      return;
    }
    std::string where;
    if (railway::find_key("deploy", e.key))
      where = "; it belongs under `deploy`";
    else if (railway::find_key("build", e.key))
      where = "; it belongs under `build`";
    else if (auto s = railway::suggest_key("", e.key))
      where = fmt::format("; did you mean `{}`?", *s);
    Span at = v.header ? v.span : e.key_span;
    sink.report(at, fmt::format("`{}` is not a Railway config key: the top level holds only "
                                "`$schema`, `build`, `deploy` and `environments`, so this is "
                                "ignored{}",
                                e.key, where));
  }

  static std::string nested_message(const Document& doc, const toml::Entry& inner) {
    std::string_view header = doc.slice(inner.value->span);
    if (inner.key == "variables")
      return fmt::format(
          "`{}` sets no variables: Railway ignores everything under "
          "`[[services]]`; set them as service variables in Railway "
          "(dashboard or `railway variables`)",
          header);
    if (inner.key == "healthcheck")
      return fmt::format(
          "`{}` configures no healthcheck: Railway ignores everything under "
          "`[[services]]`; use `deploy.healthcheckPath` and "
          "`deploy.healthcheckTimeout` in the service's own railway.toml",
          header);
    return fmt::format("`{}` is ignored: Railway ignores everything under `[[services]]`", header);
  }

  void check_section(const Document& doc, const railway::Section& s, FindingSink& sink) const {
    for (std::string_view name : {"build", "deploy"}) {
      const toml::Node* table = name == "build" ? s.build : s.deploy;
      if (!table) continue;
      std::string_view other = name == "build" ? "deploy" : "build";
      for (const toml::Entry& e : table->entries) {
        if (railway::find_key(name, e.key)) {
          if (e.key == "multiRegionConfig") check_regions(e, sink);
          continue;
        }
        if (railway::find_key(other, e.key)) {
          sink.report(e.key_span,
                      fmt::format("`{}` is not a `{}` key: it belongs under `{}`, so here it "
                                  "has no effect",
                                  e.key, name, other));
          continue;
        }
        auto meant = railway::suggest_key(name, e.key);
        if (!meant) {
          sink.report(e.key_span, fmt::format("`{}` is not a Railway `{}` key, so it has no "
                                              "effect (see `infralint explain "
                                              "railway/unknown-key` for the keys)",
                                              e.key, name));
          continue;
        }
        std::string message =
            fmt::format("`{}` is not a Railway `{}` key, so it has no effect; did you mean `{}`?",
                        e.key, name, *meant);
        if (table->entry(*meant) || e.value->header) {
          sink.report(e.key_span, std::move(message));
          continue;
        }
        sink.report(e.key_span, std::move(message),
                    Fix{fmt::format("Rename to `{}`", *meant),
                        {{e.key_span, quoted_like(doc.slice(e.key_span), *meant)}},
                        Applicability::unsafe});
      }
    }
  }

  static void check_regions(const toml::Entry& regions, FindingSink& sink) {
    if (!regions.value->is_table()) return;
    for (const toml::Entry& region : regions.value->entries) {
      if (!region.value->is_table()) continue;
      for (const toml::Entry& e : region.value->entries)
        if (e.key != "numReplicas")
          sink.report(e.key_span,
                      fmt::format("`{}` is not a key of a `multiRegionConfig` region: each "
                                  "region holds only `numReplicas`",
                                  e.key));
    }
  }
};

INFRALINT_REGISTER_RULE(UnknownKey);

}  // namespace
}  // namespace infralint
