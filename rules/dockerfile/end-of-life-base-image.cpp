#include <fmt/format.h>

#include <vector>

#include "core/clock.hpp"
#include "engine/dockerfile_rule.hpp"
#include "model/image_ref.hpp"
#include "rules/end_of_life_table.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `FROM` of an official image (node, python, postgres, redis, nginx, alpine, debian, ubuntu,
golang, eclipse-temurin, openjdk, php, ruby) whose release line has reached its end of life:
`node:18-alpine`, `python:3.8-slim`, `debian:buster`, `ubuntu:18.04`, `alpine:3.16`. Build
arguments are resolved first; tags without a version (`node:lts`, `python:3`) and lines still
supported are not reported.

The dates come from the projects' own schedules (via endoflife.date), in a table embedded in
infralint at build time (`rules/dockerfile/end-of-life.tsv`, one line per release line with
its source). "Today" is the date of the run; `INFRALINT_TODAY=YYYY-MM-DD` fixes it.

## Why it matters
After its end of life a release line gets no security fixes: every vulnerability found from
then on stays in the image, and rebuilding does not help. Image maintainers usually stop
publishing the tag too.

## Example
```dockerfile
FROM node:18-alpine
```

## Fixed
```dockerfile
FROM node:22-alpine
```

No automatic fix: moving to a new major version needs your tests.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/end-of-life-base-image",
    .title = "Base image past its end of life",
    .severity = Severity::warning,
    .categories = {Category::security, Category::reliability},
    .compliance = {"CIS-Docker-1.6:4.4"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

struct ReleaseLine {
  std::string_view image;
  std::string_view line;  // a version prefix or codename
  std::string_view eol;
  std::string_view source;
};

// The embedded table's rows, cut once into views of it. A few hundred rows are searched
// linearly: building maps of them was 6 % of a one-file run.
const std::vector<ReleaseLine>& end_of_life_table() {
  static const std::vector<ReleaseLine> table = [] {
    std::vector<ReleaseLine> out;
    std::string_view text = kEndOfLifeTable;
    while (!text.empty()) {
      std::string_view line = text.substr(0, text.find('\n'));
      text.remove_prefix(std::min(text.size(), line.size() + 1));
      if (line.empty() || line.starts_with('#')) continue;
      std::string_view fields[4];
      for (auto& field : fields) {
        auto tab = line.find('\t');
        field = line.substr(0, tab);
        line.remove_prefix(tab == std::string_view::npos ? line.size() : tab + 1);
      }
      if (is_iso_date(fields[2])) out.push_back({fields[0], fields[1], fields[2], fields[3]});
    }
    return out;
  }();
  return table;
}

// The release line of `image` a tag belongs to: the longest line the tag's version starts
// with, at a dot boundary (`3.8.18-slim` is python 3.8, `18-alpine3.19` is node 18). Of two
// rows for the same line, the later one counts.
const ReleaseLine* release_line(std::string_view image, std::string_view tag) {
  std::string_view version = tag.substr(0, tag.find('-'));
  const ReleaseLine* best = nullptr;
  for (const ReleaseLine& row : end_of_life_table()) {
    if (row.image != image) continue;
    const std::string_view line = row.line;
    bool match = version == line || (version.starts_with(line) && version[line.size()] == '.');
    if (match && (!best || line.size() >= best->line.size())) best = &row;
  }
  return best;
}

class EndOfLifeBaseImage final : public DockerfileRule {
 public:
  EndOfLifeBaseImage() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    const std::string now = today();
    for (const dockerfile::Stage& stage : file.stages) {
      if (stage.parent || !stage.resolved_image) continue;
      auto ref = parse_image_ref(*stage.resolved_image);
      if (!ref || !ref->has_tag()) continue;
      if (!ref->registry.empty() && ref->registry != "docker.io") continue;
      std::string_view repo = ref->repository;
      if (repo.starts_with("library/")) repo.remove_prefix(8);
      const ReleaseLine* line = release_line(repo, ref->tag);
      if (!line || line->eol >= now) continue;
      std::string shown =
          *stage.resolved_image == stage.image.value
              ? fmt::format("`{}`", stage.image.value)
              : fmt::format("`{}` (resolves to `{}`)", stage.image.value, *stage.resolved_image);
      sink.report(stage.image.span,
                  fmt::format("{} is {} {}, which reached its end of life on {}: it gets no "
                              "more security fixes; move to a supported release",
                              shown, repo, line->line, line->eol));
    }
  }
};

INFRALINT_REGISTER_RULE(EndOfLifeBaseImage);

}  // namespace
}  // namespace infralint
