#include <fmt/format.h>
#include <re2/re2.h>

#include <set>

#include "engine/dockerfile_rule.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `FROM` whose image, built from global ARGs with their default values (an ARG without a
default is empty), is empty or not a valid image reference: `ARG VERSION` then
`FROM node:${VERSION}` gives `node:`. Predefined ARGs and ARGs whose default cannot be resolved
are not judged.

## Why it matters
A build without `--build-arg` fails, or pulls another image than intended; the Dockerfile
cannot be built or linted on its own.
BuildKit check:
[InvalidDefaultArgInFrom](https://docs.docker.com/go/dockerfile/rule/invalid-default-arg-in-from/).

## Example
```dockerfile
ARG VERSION
FROM node:${VERSION}-alpine
```

## Fixed
```dockerfile
ARG VERSION=20
FROM node:${VERSION}-alpine
```

No automatic fix: the default value is for the author to choose.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/invalid-default-arg-in-from",
    .title = "Default ARG values give an invalid base image",
    .severity = Severity::warning,
    .categories = {Category::correctness},
    .aliases = {"buildkit:InvalidDefaultArgInFrom"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// Docker's reference grammar (distribution/reference): [domain/]path[:tag][@digest].
bool valid_reference(const std::string& ref) {
  static const RE2 grammar(
      R"((?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*)"
      R"([a-zA-Z0-9])?))*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)"
      R"((?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?)"
      R"((?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?)");
  return ref.size() <= 255 && RE2::FullMatch(ref, grammar);
}

class InvalidDefaultArgInFrom final : public DockerfileRule {
 public:
  InvalidDefaultArgInFrom() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    if (file.stages.empty()) return;
    // ARGs declared without a default before the first FROM are empty in a default build.
    std::set<std::string, std::less<>> empty_by_default;
    for (std::size_t i = 0; i < file.stages[0].from; ++i)
      for (const dockerfile::KeyValue& kv : file.instructions[i].pairs)
        if (file.instructions[i].keyword == dockerfile::Keyword::arg && !kv.value &&
            !dockerfile::is_predefined_arg(kv.key.value))
          empty_by_default.insert(kv.key.value);
        else
          empty_by_default.erase(kv.key.value);
    for (const dockerfile::Stage& stage : file.stages) {
      if (stage.image.raw.find('$') == std::string::npos) continue;
      dockerfile::Variables vars = dockerfile::variables_at(file, stage.from);
      for (const std::string& name : empty_by_default)
        if (const dockerfile::Variables::Value* value = vars.find(name); value && !*value)
          vars.set(name, "");
      auto image = dockerfile::expand(stage.image.raw, vars, file.escape);
      if (!image || valid_reference(*image)) continue;
      sink.report(stage.image.span,
                  fmt::format("With the default ARG values, the base image `{}` is {}; give "
                              "the ARG a default that makes a valid image",
                              stage.image.raw,
                              image->empty() ? "empty" : fmt::format("`{}`, not a valid image "
                                                                     "reference", *image)));
    }
  }
};

INFRALINT_REGISTER_RULE(InvalidDefaultArgInFrom);

}  // namespace
}  // namespace infralint
