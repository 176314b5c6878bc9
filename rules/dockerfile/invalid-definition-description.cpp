#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A comment directly above a named `FROM … AS name` or an `ARG` that does not start with the
stage or argument name. `docker buildx build --call=outline` and `--call=targets` show such
comments as descriptions when they start with the name.

This is an **experimental, opt-in** check in BuildKit (`# check=experimental=…`); here it has
severity info. A comment separated from the instruction by an empty line or a bare `#` line is
not a description and is not judged.

## Why it matters
A comment that sits on the line above a definition is taken as its description by the
outline and targets views; a note about something else then reads as the stage's or
argument's documentation.
BuildKit check:
[InvalidDefinitionDescription](https://docs.docker.com/go/dockerfile/rule/invalid-definition-description/).

## Example
```dockerfile
# compile the binary
FROM golang:1.22 AS build
```

## Fixed
```dockerfile
# build compiles the binary
FROM golang:1.22 AS build
```

No automatic fix: the wording is for the author.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/invalid-definition-description",
    .title = "Comment above FROM or ARG does not describe it",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .aliases = {"buildkit:InvalidDefinitionDescription"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class InvalidDefinitionDescription final : public DockerfileRule {
 public:
  InvalidDefinitionDescription() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (const dockerfile::Instruction& ins : file.instructions) {
      std::vector<std::string> names;
      std::string_view what;
      if (ins.keyword == dockerfile::Keyword::arg) {
        what = "ARG";
        for (const auto& kv : ins.pairs) names.push_back(kv.key.value);
      } else if (ins.keyword == dockerfile::Keyword::from && ins.stage != dockerfile::npos &&
                 file.stages[ins.stage].name) {
        what = "stage";
        names.push_back(file.stages[ins.stage].name->value);
      }
      if (names.empty()) continue;
      const Span* comment = comment_above(doc, file, ins.span.begin);
      if (!comment) continue;
      std::string_view text = doc.slice(*comment);
      text.remove_prefix(text.find('#') + 1);
      while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
      if (text.empty()) continue;
      std::string_view first = text.substr(0, text.find(' '));
      if (std::find(names.begin(), names.end(), first) != names.end()) continue;
      std::string name = names.size() == 1 ? names[0] : "<arg_key>";
      sink.report(*comment,
                  fmt::format("The comment above this {} is shown as its description; start it "
                              "with the name (`# {} <description>`) or separate it with an "
                              "empty line",
                              what, name));
    }
  }

 private:
  // The comment on the line just above `offset`'s line, not a parser directive.
  static const Span* comment_above(const Document& doc, const dockerfile::File& file,
                                   std::size_t offset) {
    std::string_view text = doc.text();
    std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    if (line_start == std::string_view::npos || offset == 0) return nullptr;
    // The last comment ending before the line break (comments are in file order).
    auto after = std::partition_point(file.comments.begin(), file.comments.end(),
                                      [&](const Span& c) { return c.end <= line_start; });
    if (after == file.comments.begin()) return nullptr;
    const Span& c = *std::prev(after);
    if (text.find('\n', c.end) != line_start) return nullptr;
    for (const auto& d : file.directives)
      if (d.span.begin <= c.begin && c.begin < d.span.end) return nullptr;
    return &c;
  }
};

INFRALINT_REGISTER_RULE(InvalidDefinitionDescription);

}  // namespace
}  // namespace infralint
