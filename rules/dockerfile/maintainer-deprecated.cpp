#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
The `MAINTAINER` instruction.

## Why it matters
`MAINTAINER` has been deprecated since Docker 1.13; tools read the `maintainer` label (or
`org.opencontainers.image.authors`) instead.

## Example
```dockerfile
MAINTAINER Jane Doe <jane@example.com>
```

## Fixed
```dockerfile
LABEL maintainer="Jane Doe <jane@example.com>"
```

The fix is safe: the same text moves into a label. It is offered when the instruction is on
one line, so no comment inside a continuation can be lost.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/maintainer-deprecated",
    .title = "MAINTAINER is deprecated",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL4000", "buildkit:MaintainerDeprecated", "trivy:DS-0022",
                "checkov:CKV_DOCKER_6", "kics:Maintainer Instruction Being Used"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// A double-quoted LABEL value: backslash, quote and dollar are escaped so the text is kept as is.
std::string quote_label_value(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\' || c == '$') out += '\\';
    out += c;
  }
  return out + '"';
}

class MaintainerDeprecated final : public DockerfileRule {
 public:
  MaintainerDeprecated() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_instruction(file, dockerfile::Keyword::maintainer, [&](const auto& ins) {
      std::string_view who = ins.arguments.text();
      while (!who.empty() && (who.back() == ' ' || who.back() == '\t')) who.remove_suffix(1);
      std::string label = fmt::format("{} maintainer={}",
                                      keyword_in_casing_of(doc.slice(ins.keyword_span), "LABEL"),
                                      quote_label_value(who));
      auto& finding =
          sink.report(ins.keyword_span, "MAINTAINER is deprecated; use LABEL maintainer=\"…\"");
      if (doc.slice(ins.span).find('\n') == std::string_view::npos)
        finding.fix = Fix{"Replace MAINTAINER with a maintainer label", {{ins.span, label}},
                          Applicability::safe};
    });
  }
};

INFRALINT_REGISTER_RULE(MaintainerDeprecated);

}  // namespace
}  // namespace infralint
