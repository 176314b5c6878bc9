#include <fmt/format.h>

#include <array>

#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`ADD` of local files or directories, where `COPY` does the same thing. `ADD` of a URL, a git
repository or a local tar archive (which ADD extracts), and `ADD` with flags COPY lacks
(`--checksum`, `--keep-git-dir`, `--unpack`), are left alone.

## Why it matters
`ADD` also fetches URLs and unpacks archives, so its effect depends on what the source turns
out to be. `COPY` says exactly what happens.

## Example
```dockerfile
ADD package.json /app/
```

## Fixed
```dockerfile
COPY package.json /app/
```

The fix is safe: for local files and directories that are not archives, COPY and ADD behave
the same.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/add-instead-of-copy",
    .title = "ADD used to copy local files",
    .severity = Severity::error,
    .categories = {Category::security, Category::correctness},
    .compliance = {"CIS-Docker-1.6:4.9"},
    .aliases = {"hadolint:DL3020", "trivy:DS-0005", "checkov:CKV_DOCKER_4",
                "kics:Add Instead of Copy"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool is_remote(std::string_view src) {
  for (std::string_view scheme : {"http://", "https://", "git://", "git@", "ssh://"})
    if (src.starts_with(scheme)) return true;
  return src.ends_with(".git") && src.find("://") != std::string_view::npos;
}

bool is_archive(std::string_view src) {
  constexpr std::array<std::string_view, 12> kSuffixes{
      ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz",
      ".tar.zst", ".gz", ".bz2", ".xz"};
  for (std::string_view s : kSuffixes)
    if (src.ends_with(s)) return true;
  // A variable may name an archive: do not judge what we cannot see.
  return src.find('$') != std::string_view::npos;
}

class AddInsteadOfCopy final : public DockerfileRule {
 public:
  AddInsteadOfCopy() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_instruction(file, dockerfile::Keyword::add, [&](const dockerfile::Instruction& add) {
      for (const auto& flag : add.flags)
        if (flag.name == "checksum" || flag.name == "keep-git-dir" || flag.name == "unpack") return;
      // The last word is the destination; heredoc sources are inline files.
      std::size_t sources = add.words.empty() ? 0 : add.words.size() - 1;
      for (std::size_t i = 0; i < sources; ++i) {
        const std::string& src = add.words[i].value;
        if (src.starts_with("<<")) continue;
        if (is_remote(src) || is_archive(src)) return;
      }
      if (sources == 0 && add.heredocs.empty()) return;
      std::string copy = keyword_in_casing_of(doc.slice(add.keyword_span), "COPY");
      sink.report(add.keyword_span, "use COPY for local files and directories; ADD also fetches "
                                    "URLs and extracts archives, which this does not need",
                  Fix{fmt::format("Replace ADD with {}", copy), {{add.keyword_span, copy}},
                      Applicability::safe});
    });
  }
};

INFRALINT_REGISTER_RULE(AddInsteadOfCopy);

}  // namespace
}  // namespace infralint
