#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A local tar archive copied into the image with `COPY` and unpacked by `tar -x` in a later RUN
of the same stage. `ADD` unpacks local tar archives (gzip, bzip2 and xz compressed ones too)
by itself. Archives copied for other uses (`R CMD INSTALL pkg.tar.gz`, `pip install x.tgz`)
are not reported.

## Why it matters
The archive stays in the COPY's layer even after the RUN deletes it, so the image carries it
twice: once packed, once unpacked. `ADD` unpacks it in one layer.

## Example
```dockerfile
FROM alpine:3.20
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
```

## Fixed
```dockerfile
FROM alpine:3.20
ADD app.tar.gz /opt/
```

No automatic fix: `ADD` has no `--strip-components` or file selection, so whether it can
replace the RUN depends on the tar options used. Severity info, as in hadolint.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/copy-archive-then-extract",
    .title = "COPY of a tar archive that a RUN then extracts",
    .severity = Severity::info,
    .categories = {Category::performance},
    .aliases = {"hadolint:DL3010"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

std::string_view base_name(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// tar in extract mode: `-x…`, `x…` (old style first argument), `--extract`, `--get`.
bool extracts(const shell::Command& cmd) {
  for (std::size_t i = 0; i < cmd.args.size(); ++i) {
    std::string_view a = cmd.args[i].value;
    if (a == "--extract" || a == "--get") return true;
    if (a.starts_with("--")) continue;
    if (a.starts_with('-') && a.find('x') != std::string_view::npos) return true;
    if (i == 0 && !a.starts_with('-') && a.find('x') != std::string_view::npos &&
        a.find_first_not_of("xzjJvfpoO") == std::string_view::npos)
      return true;
  }
  return false;
}

// Whether a source names a tar archive. The suffix test comes first, so that the expression
// (which also decides what `.*` accepts: no line break, only valid UTF-8) is compiled only by
// a run that copies an archive: compiling it was 5 % of a one-file run.
bool archive_name(const std::string& value) {
  constexpr std::string_view kSuffixes[] = {".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tbz",
                                            ".tbz2", ".tar.xz", ".txz"};
  if (std::none_of(std::begin(kSuffixes), std::end(kSuffixes),
                   [&](std::string_view suffix) { return value.ends_with(suffix); }))
    return false;
  static const RE2 archive(R"(.*\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz))");
  return RE2::FullMatch(value, archive);
}

class CopyArchiveThenExtract final : public DockerfileRule {
 public:
  CopyArchiveThenExtract() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const auto& copy = file.instructions[i];
      if (copy.keyword != dockerfile::Keyword::copy || copy.words.size() < 2) continue;
      if (std::any_of(copy.flags.begin(), copy.flags.end(),
                      [](const dockerfile::Flag& f) { return f.name == "from"; }))
        continue;  // from another stage or image: ADD cannot take it
      for (std::size_t w = 0; w + 1 < copy.words.size(); ++w) {
        const auto& source = copy.words[w];
        if (source.value.find_first_of("*?[$") != std::string::npos) continue;
        if (!archive_name(source.value)) continue;
        std::string_view name = base_name(source.value);
        // `COPY a.tar.gz /tmp/x.tgz` renames it: tar then reads the new name.
        const std::string& dest = copy.words.back().value;
        std::string_view renamed = dest.ends_with('/') ? name : base_name(dest);
        const dockerfile::Instruction* extractor = nullptr;
        for (std::size_t j = i + 1; j < file.instructions.size() && !extractor; ++j) {
          const auto& run = file.instructions[j];
          if (run.stage != copy.stage) break;
          if (run.keyword != dockerfile::Keyword::run) continue;
          for (const auto& script : run.scripts)
            for (const auto& cmd : script.commands) {
              if (!cmd.name.literal || cmd.name.value != "tar" || !extracts(cmd)) continue;
              for (const auto& arg : cmd.args)
                if (base_name(arg.value) == name || base_name(arg.value) == renamed)
                  extractor = &run;
            }
        }
        if (!extractor) continue;
        Finding& f = sink.report(
            source.span, fmt::format("`{}` is copied and then unpacked by tar, so the image keeps "
                                     "the archive in a layer; `ADD {} <dir>` unpacks it in one",
                                     source.value, source.value));
        f.related.push_back({extractor->span, "unpacked here"});
      }
    }
  }
};

INFRALINT_REGISTER_RULE(CopyArchiveThenExtract);

}  // namespace
}  // namespace infralint
