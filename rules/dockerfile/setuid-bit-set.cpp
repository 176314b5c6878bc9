#include <fmt/format.h>

#include <cctype>

#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A file mode that sets the setuid or setgid bit: `chmod u+s`, `chmod g+s`, `chmod +s`,
`chmod 4755` / `2755` / `6755` (also `install -m 4755`, but not `install -d`, which makes
directories), and `COPY --chmod=4755`.
Clearing the bits (`chmod u-s`, `chmod a-s`) and the sticky bit alone (`chmod 1777 /tmp`) are
not reported.

## Why it matters
A setuid program runs with its owner's rights, usually root, whoever starts it: one bug in it
turns any process of the container into root, which is what a non-root USER was meant to
prevent. CIS asks images to carry as few setuid/setgid files as possible. (`g+s` on a
directory only makes new files inherit its group; suppress the finding there.)

## Example
```dockerfile
RUN chmod u+s /usr/local/bin/tool
```

## Fixed
```dockerfile
RUN setcap cap_net_bind_service=+ep /usr/local/bin/tool
```

Grant the one capability the program needs (`setcap`, or `cap_add` at run time) instead of
full root. No automatic fix: only you know what the program needs.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/setuid-bit-set",
    .title = "setuid or setgid bit set",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:4.8"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// "setuid", "setgid", "setuid and setgid", or empty, for a chmod mode.
std::string special_bits(std::string_view mode) {
  bool uid = false, gid = false;
  if (!mode.empty() && std::isdigit(static_cast<unsigned char>(mode[0]))) {
    if (mode.size() < 4 || mode.find_first_not_of("01234567") != std::string_view::npos) return "";
    int special = mode[mode.size() - 4] - '0';
    uid = special & 4;
    gid = special & 2;
  } else {
    std::size_t start = 0;
    while (start <= mode.size()) {
      std::size_t comma = mode.find(',', start);
      std::string_view clause = mode.substr(start, comma - start);
      std::size_t op = clause.find_first_of("+-=");
      if (op == std::string_view::npos) return "";
      std::string_view who = clause.substr(0, op);
      if (who.find_first_not_of("ugoa") != std::string_view::npos) return "";
      // Each `+perms` / `=perms` part that carries `s`.
      for (std::size_t i = op; i < clause.size(); ++i) {
        if (clause[i] != '+' && clause[i] != '=') continue;
        std::size_t j = i + 1;
        while (j < clause.size() && clause[j] != '+' && clause[j] != '-' && clause[j] != '=') {
          if (clause[j] == 's') {
            bool all = who.empty() || who.find('a') != std::string_view::npos;
            uid = uid || all || who.find('u') != std::string_view::npos;
            gid = gid || all || who.find('g') != std::string_view::npos;
          }
          ++j;
        }
      }
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }
  if (uid && gid) return "setuid and setgid";
  return uid ? "setuid" : gid ? "setgid" : "";
}

class SetuidBitSet final : public DockerfileRule {
 public:
  SetuidBitSet() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    auto report = [&](Span span, std::string_view mode, std::string_view how) {
      std::string bits = special_bits(mode);
      if (bits.empty()) return;
      std::string_view rights =
          bits == "setgid" ? "its group's rights" : "its owner's rights (usually root)";
      sink.report(span, fmt::format("`{}` sets the {} bit: the program runs with {} whoever "
                                    "starts it; grant the capability it needs instead",
                                    how, bits, rights));
    };
    for_each_run_command(file, "chmod", [&](const auto&, const shell::Command& cmd) {
      for (const shell::Word& w : cmd.args) {
        if (w.value.starts_with("-")) continue;
        if (w.literal)
          report(cmd.name.span.cover(w.span), w.value, fmt::format("chmod {}", w.value));
        break;  // the first operand is the mode
      }
    });
    for_each_run_command(file, "install", [&](const auto&, const shell::Command& cmd) {
      // `install -d -m 3777 /var/run/app`: a shared directory, where setgid only sets the
      // group of new files.
      if (has_option(cmd, {"directory"}, "d")) return;
      for (std::size_t i = 0; i + 1 < cmd.args.size(); ++i)
        if (cmd.args[i].value == "-m" || cmd.args[i].value == "--mode")
          report(cmd.args[i].span.cover(cmd.args[i + 1].span), cmd.args[i + 1].value,
                 fmt::format("install -m {}", cmd.args[i + 1].value));
    });
    for (dockerfile::Keyword k : {dockerfile::Keyword::copy, dockerfile::Keyword::add})
      for_each_instruction(file, k, [&](const dockerfile::Instruction& ins) {
        for (const dockerfile::Flag& flag : ins.flags)
          if (flag.name == "chmod")
            report(flag.span, flag.value, fmt::format("--chmod={}", flag.value));
      });
  }
};

INFRALINT_REGISTER_RULE(SetuidBitSet);

}  // namespace
}  // namespace infralint
