#pragma once
#include <string>
#include <vector>

namespace infralint::railway {

// One Config as Code file to migrate: its text, the name shown for it in comments, whether
// it is JSON, and the Railway service it configures.
struct MigrateInput {
  std::string display_path;
  std::string text;
  bool json = false;
  std::string service_name;
};

struct MigrateResult {
  std::string typescript;           // `.railway/railway.ts`; empty when errors is not
  std::vector<std::string> errors;  // "<file>: <why>"
};

// The `.railway/railway.ts` (Railway Infrastructure as Code, the `railway/iac` module of the
// `railway` npm package) equivalent to these railway.toml/railway.json files: one
// `service()` each, in one `project()`. Per-environment values become
// `ctx.isEnvironment("<name>") ? ... : ...`; anything without an equivalent is kept as a
// `// not expressible: ...` comment. An empty project_name uses the linked project's name.
MigrateResult migrate_to_iac(const std::vector<MigrateInput>& inputs,
                             const std::string& project_name);

}  // namespace infralint::railway
