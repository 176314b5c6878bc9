#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/dockerfile_rule.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
The `USER` that the final image runs as (the last one of the final stage, or of the stages it is
built `FROM`) when it names a user or group instead of giving numeric ids. `root` is
`container/runs-as-root`'s; Windows' `ContainerUser` and `ContainerAdministrator` have no
numeric form. A user from a variable with no known value is not judged.

## Why it matters
A name is resolved through the image's `/etc/passwd` only when the container starts. When a pod
sets `runAsNonRoot` without `runAsUser`, Kubernetes cannot verify a named user and refuses to
start the container; volume ownership and `securityContext` settings need the number anyway.

## Example
```dockerfile
RUN useradd --uid 10001 app
USER app
```

## Fixed
```dockerfile
RUN useradd --uid 10001 app
USER 10001:10001
```

No automatic fix: the user's ids are set at build time and not known here.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/non-numeric-user",
    .title = "Final image runs as a named user, not a numeric id",
    .severity = Severity::info,
    .categories = {Category::security, Category::reliability},
    .aliases = {"hadolint:DL3066"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool is_number(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](unsigned char c) { return std::isdigit(c); });
}

// The USER instruction in effect in the final image, if the Dockerfile sets one.
const dockerfile::Instruction* effective_user(const dockerfile::File& file, std::size_t& index) {
  for (std::size_t stage : final_image_stages(file)) {
    const dockerfile::Stage& s = file.stages[stage];
    for (std::size_t i = s.last; i-- > s.first;) {
      if (file.instructions[i].keyword != dockerfile::Keyword::user) continue;
      index = i;
      return &file.instructions[i];
    }
  }
  return nullptr;
}

class NonNumericUser final : public DockerfileRule {
 public:
  NonNumericUser() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    std::size_t index = 0;
    const dockerfile::Instruction* user = effective_user(file, index);
    if (!user || user->words.empty()) return;
    const dockerfile::Word& word = user->words[0];
    auto value = dockerfile::expand(word.raw, dockerfile::variables_at(file, index), file.escape);
    if (!value || value->empty()) return;
    std::string_view name = *value, group;
    if (auto colon = name.find(':'); colon != std::string_view::npos) {
      group = name.substr(colon + 1);
      name = name.substr(0, colon);
    }
    // Root is container/runs-as-root's; Windows images have no numeric ids.
    if (name == "root" || name == "0" || name == "ContainerUser" || name == "ContainerAdministrator")
      return;
    bool named_user = !is_number(name);
    bool named_group = !group.empty() && !is_number(group);
    if (!named_user && !named_group) return;
    std::string what = named_user ? fmt::format("user `{}`", name) : fmt::format("group `{}`", group);
    sink.report(word.span,
                fmt::format("the image runs as {} by name, which Kubernetes cannot check against "
                            "runAsNonRoot; use numeric ids (`USER 10001:10001`)",
                            what));
  }
};

INFRALINT_REGISTER_RULE(NonNumericUser);

}  // namespace
}  // namespace infralint
