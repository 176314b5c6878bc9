#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "engine/dockerfile_rule.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `LABEL` key, once build arguments are resolved, that breaks Docker's label key guidelines: it
must start with a lowercase letter and end with a lowercase letter or digit, hold only lowercase
letters, digits, `.` and `-`, never two separators in a row, and stay out of the namespaces
Docker reserves (`com.docker.`, `io.docker.`, `org.dockerproject.`).

## Why it matters
Tools that read labels (registries, scanners, `docker inspect --format`, OCI annotations) expect
that form; a key such as `Version` or `build_date` is easily mistyped or read under another
name. Reverse-DNS keys (`org.opencontainers.image.version`) avoid clashes with other tools.

## Example
```dockerfile
LABEL Build_Date="2024-05-01" com.docker.extension="x"
```

## Fixed
```dockerfile
LABEL org.opencontainers.image.created="2024-05-01"
```

No automatic fix: tools may already read the key as written.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/invalid-label-key",
    .title = "LABEL key breaks Docker's key format",
    .severity = Severity::info,
    .categories = {Category::correctness},
    .aliases = {"hadolint:DL3048"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool is_lower_alnum(char c) { return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); }
bool is_separator(char c) { return c == '.' || c == '-'; }

// What is wrong with `key`, or nullopt when nothing is.
std::optional<std::string> key_problem(std::string_view key) {
  for (std::string_view reserved : {"com.docker.", "io.docker.", "org.dockerproject."})
    if (key.starts_with(reserved))
      return fmt::format("uses the `{}` namespace, which Docker reserves", reserved);
  if (std::ranges::any_of(key, [](unsigned char c) { return std::isupper(c); }))
    return std::string("must be lowercase");
  if (!std::islower(static_cast<unsigned char>(key.front())))
    return std::string("must start with a lowercase letter");
  for (std::size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    if (!is_lower_alnum(c) && !is_separator(c))
      return fmt::format("holds `{}`; only lowercase letters, digits, `.` and `-` are allowed", c);
    if (i > 0 && is_separator(c) && is_separator(key[i - 1]))
      return std::string("has two separators in a row");
  }
  if (!is_lower_alnum(key.back())) return std::string("must end with a lowercase letter or digit");
  return std::nullopt;
}

class InvalidLabelKey final : public DockerfileRule {
 public:
  InvalidLabelKey() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const dockerfile::Instruction& ins = file.instructions[i];
      if (ins.keyword != dockerfile::Keyword::label) continue;
      const auto& vars = dockerfile::variables_at(file, i);
      for (const dockerfile::KeyValue& pair : ins.pairs) {
        auto key = dockerfile::expand(pair.key.raw, vars, file.escape);
        if (!key || key->empty()) continue;
        if (auto problem = key_problem(*key))
          sink.report(pair.key.span, fmt::format("label key `{}` {}", *key, *problem));
      }
    }
  }
};

INFRALINT_REGISTER_RULE(InvalidLabelKey);

}  // namespace
}  // namespace infralint
