#include "engine/rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A file that was found and recognised but could not be linted: binary content (a NUL byte), or
a size over `--max-file-size` (16 MiB by default).

## Why it matters
A linter that skips a file quietly lets it pass review unseen. This finding makes the skip
visible and fails the run like any error.

## Example
A `Dockerfile` that is really a compiled artefact, or a 50 MB generated manifest.

## Fixed
Lint the real source file, or raise `--max-file-size` for a legitimately large file.
)md";

const RuleMeta kMeta{
    .id = "meta/skipped-file",
    .title = "File was not linted",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .fix = FixAvailability::none,
    .kinds = kEveryKind,
    .docs = kDocs,
};

class SkippedFile final : public Rule {
 public:
  SkippedFile() : Rule(kMeta) {}
  void check(const Document& doc, FindingSink& sink) const override {
    if (!doc.skipped_reason().empty()) sink.report({0, 0}, doc.skipped_reason());
  }
};

INFRALINT_REGISTER_RULE(SkippedFile);

}  // namespace
}  // namespace infralint
