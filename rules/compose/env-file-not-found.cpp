#include <fmt/format.h>

#include <optional>

#include "core/consulted.hpp"
#include "engine/compose_rule.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An `env_file` entry naming a file that does not exist, relative to the compose file's
directory. The long form with `required: false` is optional and not reported; paths with
interpolation are not judged. Only checked when the compose file is on disk inside a
repository checkout (a `.git` above it): a file copied on its own says nothing about its
neighbours.

## Why it matters
`docker compose up` stops with "env file ... not found" (or, with older versions, the service
starts without its variables). The file is often git-ignored and missing from a fresh clone:
ship an example (`.env.example`) and mark the entry `required: false`, or create it.

## Example
```yaml
services:
  api:
    image: example/api:1.4
    env_file: ./api.env
```

## Fixed
```yaml
services:
  api:
    image: example/api:1.4
    env_file:
      - path: ./api.env
        required: false
```

No automatic fix: whether the file is optional is a decision about the deployment.
)md";

const RuleMeta kMeta{
    .id = "compose/env-file-not-found",
    .title = "`env_file` names a file that does not exist",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose},
    .docs = kDocs,
};

class EnvFileNotFound final : public ComposeRule {
 public:
  EnvFileNotFound() : ComposeRule(kMeta) {}

 protected:
  void check(const Document& doc, const ComposeFile& file, FindingSink& sink) const override {
    // The file's directory is asked of the file system only when a service has an env_file:
    // most compose files have none, and the climb to a .git was 6 % of a compose corpus run.
    std::optional<std::filesystem::path> dir;
    for (const yaml::Pair* svc : file.services()) {
      const yaml::Node* env_file = svc->value->get("env_file");
      if (!env_file) continue;
      if (!dir) dir = compose_dir(doc.path());
      if (dir->empty()) return;
      std::vector<const yaml::Node*> entries;
      if (env_file->is_sequence())
        entries = env_file->items;
      else
        entries.push_back(env_file);
      for (const yaml::Node* entry : entries) {
        const yaml::Node* path = entry;
        if (entry->is_mapping()) {
          if (scalar_bool(entry->get("required")) == false) continue;
          path = entry->get("path");
        }
        auto text = scalar_text(path);
        if (!text || text->empty() || text->find('$') != std::string::npos) continue;
        std::filesystem::path p{*text};
        if (p.is_relative()) p = *dir / p;
        if (consulted::exists(p)) continue;
        sink.report(path->span,
                    fmt::format("service `{}` reads `{}` as env_file, but there is no such file "
                                "beside the compose file; create it or mark it `required: false`",
                                scalar_text(svc->key).value_or(""), *text));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(EnvFileNotFound);

}  // namespace
}  // namespace infralint
