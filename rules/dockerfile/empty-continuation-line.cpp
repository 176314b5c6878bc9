#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
An empty (or whitespace-only) line inside an instruction continued with `\`.

## Why it matters
BuildKit skips such lines today but warns that they "will become errors in a future release".
An empty line also reads as the end of the instruction, so the next line looks like a new one.
BuildKit check: [NoEmptyContinuation](https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/).

## Example
```dockerfile
RUN apk add --no-cache \

    curl
```

## Fixed
```dockerfile
RUN apk add --no-cache \
    curl
```

The fix is safe: it removes the empty line, which BuildKit already ignores.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/empty-continuation-line",
    .title = "Empty line inside a continued instruction",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"buildkit:NoEmptyContinuation"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class EmptyContinuationLine final : public DockerfileRule {
 public:
  EmptyContinuationLine() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    std::string_view text = doc.text();
    for (const dockerfile::Instruction& ins : file.instructions) {
      // Heredoc bodies are content, where empty lines are legitimate.
      std::size_t end = ins.heredocs.empty() ? ins.span.end : ins.heredocs[0].body_span.begin;
      std::size_t line = text.find('\n', ins.span.begin);
      while (line != std::string_view::npos && line + 1 < end) {
        std::size_t start = line + 1;
        std::size_t next = text.find('\n', start);
        std::size_t stop = next == std::string_view::npos ? text.size() : next;
        std::string_view content = text.substr(start, stop - start);
        if (content.find_first_not_of(" \t\r") == std::string_view::npos) {
          Span whole{start, next == std::string_view::npos ? stop : next + 1};
          sink.report(whole,
                      "Empty continuation line: BuildKit skips it today but it will become an "
                      "error in a future release; remove it",
                      Fix{"Remove the empty line", {{whole, ""}}, Applicability::safe});
        }
        line = next;
      }
    }
  }
};

INFRALINT_REGISTER_RULE(EmptyContinuationLine);

}  // namespace
}  // namespace infralint
