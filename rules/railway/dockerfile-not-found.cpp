#include <fmt/format.h>

#include <cctype>
#include <filesystem>

#include "core/consulted.hpp"
#include "engine/railway_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
- a `build.dockerfilePath` that names no file;
- `builder = "DOCKERFILE"` without `dockerfilePath` where there is no `Dockerfile`.

Paths are looked up from the config file's directory, then from each parent up to the
repository root (Railway resolves them against the service's root directory, which only the
dashboard knows; any of these may be it). Paths with variables, files read from standard
input and files outside a git checkout are not judged.

## Why it matters
The build fails at once ("Dockerfile not found"), or — without `builder = "DOCKERFILE"` —
Railway quietly builds with Railpack instead of the Dockerfile the author meant.

## Example
```toml
[build]
builder = "DOCKERFILE"
dockerfilePath = "docker/api.Dockerfile"   # the file is docker/Dockerfile.api
```

## Fixed
```toml
[build]
builder = "DOCKERFILE"
dockerfilePath = "docker/Dockerfile.api"
```

No automatic fix.
)md";

const RuleMeta kMeta{
    .id = "railway/dockerfile-not-found",
    .title = "Dockerfile for the Railway build not found",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = {Kind::railway},
    .docs = kDocs,
};

namespace fs = std::filesystem;

// The config's directory and its parents up to the repository root (the first with .git),
// at most 16 levels; empty when the file is not in a repository checkout (a config copied
// on its own says nothing about the files beside it).
std::vector<fs::path> search_dirs(const Document& doc) {
  std::vector<fs::path> out;
  std::error_code ec;
  fs::path file(doc.path());
  if (!consulted::is_regular_file(file)) return out;
  fs::path dir = fs::absolute(file, ec).parent_path();
  for (int level = 0; level < 16 && !dir.empty(); ++level) {
    out.push_back(dir);
    if (consulted::exists(dir / ".git")) return out;
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return {};
}

bool found(const std::vector<fs::path>& dirs, std::string_view path) {
  std::string_view relative = path;
  while (relative.starts_with('/')) relative.remove_prefix(1);  // from the repository root
  for (const fs::path& dir : dirs)
    if (consulted::is_regular_file(dir / fs::path(std::string(relative)))) return true;
  return false;
}

class DockerfileNotFound final : public RailwayRule {
 public:
  DockerfileNotFound() : RailwayRule(kMeta) {}

 protected:
  void check(const Document& doc, const railway::Config& config, FindingSink& sink) const override {
    auto dirs = search_dirs(doc);
    if (dirs.empty()) return;
    ReportedSpans reported;
    for (const railway::View& view : config.views()) {
      const toml::Entry* path = view.find("build", "dockerfilePath");
      if (path && path->value->type == toml::Type::string && !path->value->text.empty()) {
        const std::string& p = path->value->text;
        if (p.find('$') == std::string::npos && !found(dirs, p) &&
            reported.first_time(path->value->span))
          sink.report(path->value->span,
                      fmt::format("`dockerfilePath` `{}` names no file (looked from this "
                                  "file's directory up to the repository root); the build "
                                  "cannot find its Dockerfile",
                                  p));
        continue;
      }
      const toml::Entry* builder = view.find("build", "builder");
      if (!builder || builder->value->type != toml::Type::string) continue;
      std::string up = builder->value->text;
      for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (up != "DOCKERFILE" || found(dirs, "Dockerfile") ||
          !reported.first_time(builder->value->span))
        continue;
      sink.report(builder->value->span,
                  "builder `DOCKERFILE` without `dockerfilePath`, and there is no `Dockerfile` "
                  "next to this file or above it; set `dockerfilePath` to the Dockerfile");
    }
  }
};

INFRALINT_REGISTER_RULE(DockerfileNotFound);

}  // namespace
}  // namespace infralint
