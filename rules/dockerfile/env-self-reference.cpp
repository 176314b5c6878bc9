#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A value in an `ENV` that refers to a variable set earlier in the same `ENV` instruction. It is
not reported when the variable already had that same value before the instruction.

## Why it matters
Every value of one ENV is expanded with the variables as they were before the instruction: the
reference gets the old value, or nothing, not the one set a few words earlier.

## Example
```dockerfile
ENV JAVA_HOME=/opt/jdk PATH=$JAVA_HOME/bin:$PATH
```

## Fixed
```dockerfile
ENV JAVA_HOME=/opt/jdk
ENV PATH=$JAVA_HOME/bin:$PATH
```

No automatic fix: splitting the instruction changes the value, which is the point but a change
of behaviour the author should make knowingly.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/env-self-reference",
    .title = "ENV value refers to a variable set in the same ENV",
    .severity = Severity::error,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL3044"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class EnvSelfReference final : public DockerfileRule {
 public:
  EnvSelfReference() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const dockerfile::Instruction& ins = file.instructions[i];
      if (ins.keyword != dockerfile::Keyword::env || ins.pairs.size() < 2) continue;
      const dockerfile::Variables& before = dockerfile::variables_at(file, i);
      for (std::size_t j = 1; j < ins.pairs.size(); ++j) {
        const auto& value = ins.pairs[j].value;
        if (!value) continue;
        for (const VariableReference& ref : variable_references(value->raw, file.escape)) {
          const dockerfile::KeyValue* set_here = nullptr;
          for (std::size_t k = 0; k < j; ++k)
            if (ins.pairs[k].key.value == ref.name && ins.pairs[k].value) set_here = &ins.pairs[k];
          if (!set_here) continue;
          auto old_value = before.find(ref.name);
          auto new_value = dockerfile::expand(set_here->value->raw, before, file.escape);
          // Values are not shown: they may be secrets.
          std::string_view gets = "an empty string (or the base image's value)";
          if (old_value) {
            if (*old_value && *old_value == new_value) continue;
            gets = "the value it had before this instruction";
          }
          Span at = span_in_word(*value, doc.slice(value->span), ref.offset, ref.length);
          auto& finding = sink.report(
              at, fmt::format("`{}` is set in this same ENV, which cannot see it: here it expands "
                              "to {}; set it in an earlier ENV",
                              ref.name, gets));
          finding.related.push_back({set_here->span, "set here"});
        }
      }
    }
  }
};

INFRALINT_REGISTER_RULE(EnvSelfReference);

}  // namespace
}  // namespace infralint
