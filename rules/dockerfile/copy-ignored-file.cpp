#include <fmt/format.h>

#include <filesystem>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerignore.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `COPY` or `ADD` source that the build context's `.dockerignore` excludes, so it is never sent
to the builder: the instruction fails ("not found") or, for a directory, copies less than it
names. The context is taken to be the Dockerfile's directory (`docker build .` beside it), and
the ignore file is `<Dockerfile>.dockerignore` there, else `.dockerignore`, as BuildKit reads
them. Patterns follow Docker's rules: `*` and `?` within a path segment, `**` across segments,
`!` exceptions, the last matching line decides. Sources with variables or wildcards, URLs,
and `COPY --from` are not judged.

BuildKit check:
[CopyIgnoredFile](https://docs.docker.com/go/dockerfile/rule/copy-ignored-file/).

## Why it matters
The build breaks on a machine with the ignore file, or silently ships an image without the
files the Dockerfile says it copies.

## Example
```dockerfile
# .dockerignore has the line `config/`
FROM alpine:3.20
COPY config/app.yaml /etc/app/
```

## Fixed
```dockerfile
# .dockerignore: `config/` and `!config/app.yaml`
FROM alpine:3.20
COPY config/app.yaml /etc/app/
```

No automatic fix: whether the ignore line or the COPY is wrong is the author's call.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/copy-ignored-file",
    .title = "COPY or ADD of a file that .dockerignore excludes",
    .severity = Severity::warning,
    .categories = {Category::correctness, Category::reliability},
    .aliases = {"buildkit:CopyIgnoredFile"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class CopyIgnoredFile final : public DockerfileRule {
 public:
  CopyIgnoredFile() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    std::string ignore_file;
    auto text = read_dockerignore(doc.path(), ignore_file);
    if (!text) return;
    auto patterns = parse_dockerignore(*text);
    if (patterns.empty()) return;
    std::string shown = std::filesystem::path(ignore_file).filename().string();
    for (const auto& ins : file.instructions) {
      if (ins.keyword != dockerfile::Keyword::copy && ins.keyword != dockerfile::Keyword::add)
        continue;
      if (!ins.heredocs.empty() || ins.words.size() < 2) continue;
      if (std::any_of(ins.flags.begin(), ins.flags.end(),
                      [](const dockerfile::Flag& f) { return f.name == "from"; }))
        continue;
      for (std::size_t w = 0; w + 1 < ins.words.size(); ++w) {
        const auto& source = ins.words[w];
        const std::string& s = source.value;
        if (s.find_first_of("$*?[") != std::string::npos || s.find("://") != std::string::npos ||
            s.starts_with("git@"))
          continue;
        auto by = dockerignore_excludes(patterns, s);
        if (!by) continue;
        std::string path = s;
        while (path.starts_with("./")) path.erase(0, 2);
        while (path.size() > 1 && path.ends_with('/')) path.pop_back();
        bool partly = std::any_of(patterns.begin(), patterns.end(), [&](const IgnorePattern& p) {
          return p.exception && p.line > by->line && p.pattern.starts_with(path + "/");
        });
        std::string_view keyword = ins.keyword == dockerfile::Keyword::copy ? "COPY" : "ADD";
        if (partly)
          sink.report(source.span,
                      fmt::format("`{}` is excluded from the build context by {} (line {}: `{}`) "
                                  "but for the files `!` lines re-include, so {} copies only "
                                  "those; copy them by name, or stop excluding `{}`",
                                  s, shown, by->line, by->pattern, keyword, path));
        else
          sink.report(source.span,
                      fmt::format("`{}` is excluded from the build context by {} (line {}: `{}`), "
                                  "so {} cannot read it; remove the line, add `!{}` after it, or "
                                  "stop copying it",
                                  s, shown, by->line, by->pattern, keyword, path));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(CopyIgnoredFile);

}  // namespace
}  // namespace infralint
