#include "engine/rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Text that the file's real consumer would reject: an unknown Dockerfile instruction, an
unterminated heredoc, a FROM without an image, a file with no instructions at all.

## Why it matters
BuildKit refuses the whole file, so nothing in it builds. infralint reports the exact span and
keeps linting the rest of the file, and every other file.

## Example
```dockerfile
FROM alpine:3.20
RUNN echo hello
```

## Fixed
```dockerfile
FROM alpine:3.20
RUN echo hello
```

No automatic fix: the intent of broken text is not known.
)md";

const RuleMeta kMeta{
    .id = "meta/syntax-error",
    .title = "File does not parse",
    .severity = Severity::error,
    .categories = {Category::correctness},
    // DL3043 (forbidden ONBUILD trigger) and DL3061 (instruction before FROM) are parse errors
    // in BuildKit, so they are reported here, once.
    .aliases = {"hadolint:DL1000", "hadolint:DL3043", "hadolint:DL3061", "dclint:invalid-yaml"},
    .fix = FixAvailability::none,
    .kinds = kEveryKind,
    .docs = kDocs,
};

class SyntaxError final : public Rule {
 public:
  SyntaxError() : Rule(kMeta) {}
  void check(const Document& doc, FindingSink& sink) const override {
    for (const ParseError& e : doc.errors()) sink.report(e.span, e.message);
  }
};

INFRALINT_REGISTER_RULE(SyntaxError);

}  // namespace
}  // namespace infralint
