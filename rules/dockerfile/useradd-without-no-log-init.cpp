#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`useradd` with a UID of more than five digits (`-u 100000` and up) and without `-l` /
`--no-log-init`. A UID from a build argument is resolved; one with no known value is not
judged.

## Why it matters
`useradd` reserves the new user's slot in `/var/log/lastlog` and `/var/log/faillog`, files
indexed by UID. On disk they are sparse, but image layers store them in full: a UID of 1000000
adds about 300 MB of zeros to the image.

## Example
```dockerfile
RUN useradd -u 1000000 app
```

## Fixed
```dockerfile
RUN useradd --no-log-init -u 1000000 app
```

The fix adds `--no-log-init`. It is safe: only the login records of a user that never logs in
are skipped.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/useradd-without-no-log-init",
    .title = "useradd with a large UID and without --no-log-init",
    .severity = Severity::warning,
    .categories = {Category::performance},
    .aliases = {"hadolint:DL3046"},
    .fix = FixAvailability::always,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// The word holding the UID: `-u N`, `-uN`, `--uid N`, `--uid=N`, or a cluster ending in u.
// Returns the word and the offset of the value inside it.
std::optional<std::pair<const shell::Word*, std::size_t>> uid_word(const shell::Command& cmd) {
  for (std::size_t i = 0; i < cmd.args.size(); ++i) {
    std::string_view a = cmd.args[i].value;
    const shell::Word* next = i + 1 < cmd.args.size() ? &cmd.args[i + 1] : nullptr;
    if (a == "--uid") return next ? std::optional{std::pair{next, std::size_t{0}}} : std::nullopt;
    if (a.starts_with("--uid=")) return std::pair{&cmd.args[i], std::size_t{6}};
    if (a.size() < 2 || a[0] != '-' || a[1] == '-') continue;
    if (a.ends_with('u') && next) return std::pair{next, std::size_t{0}};
    if (a[1] == 'u' && a.size() > 2) return std::pair{&cmd.args[i], std::size_t{2}};
  }
  return std::nullopt;
}

bool is_number(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](unsigned char c) { return std::isdigit(c); });
}

class UseraddWithoutNoLogInit final : public DockerfileRule {
 public:
  UseraddWithoutNoLogInit() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_run_command(file, "useradd", [&](const auto& run, const shell::Command& cmd) {
      if (has_option(cmd, {"no-log-init"}, "l")) return;
      auto uid = uid_word(cmd);
      if (!uid) return;
      auto [word, offset] = *uid;
      std::optional<std::string> value = word->value.substr(offset);
      if (!word->literal) {
        // Build arguments reach RUN as environment variables.
        const dockerfile::Instruction* first = file.instructions.data();
        if (&run < first || &run >= first + file.instructions.size()) return;
        auto index = static_cast<std::size_t>(&run - first);
        value = dockerfile::expand(*value, dockerfile::variables_at(file, index), file.escape);
      }
      if (!value || !is_number(*value)) return;
      std::string_view digits = *value;
      while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
      if (digits.size() <= 5) return;
      sink.report(word->span,
                  fmt::format("UID {} makes `useradd` write huge sparse lastlog/faillog files "
                              "that the image layer stores in full; add `--no-log-init`",
                              digits),
                  Fix{"Add --no-log-init", {{{cmd.name.span.end, cmd.name.span.end}, " --no-log-init"}},
                      Applicability::safe});
    });
  }
};

INFRALINT_REGISTER_RULE(UseraddWithoutNoLogInit);

}  // namespace
}  // namespace infralint
