#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/command_line.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A `RUN` that sets an account's password: `chpasswd`, `passwd --stdin`, `usermod -p`, unless
the RUN mounts a build secret.
When the input is an `echo 'user:password'` in the same pipeline, the message names the
account (never the password) and says when the password is empty.

## Why it matters
The password is in the Dockerfile and in the image history (`docker history` shows every
RUN line), so anyone who can pull the image can read it, and every container of the image
shares it. An empty password lets anyone log in or `su` to the account.

## Example
```dockerfile
RUN echo 'root:s3cret' | chpasswd
```

## Fixed
```dockerfile
RUN --mount=type=secret,id=root_password \
    printf 'root:%s\n' "$(cat /run/secrets/root_password)" | chpasswd
```

Better still, containers need no login password: run as a non-root USER and use
`docker exec` or key-based access. No automatic fix: what the account needs is your call.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/password-set-in-build",
    .title = "Password set during the build",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:4.10"},
    .aliases = {"checkov:CKV2_DOCKER_17"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

// `user:password` from an `echo`/`printf` feeding `cmd` through the same pipeline.
std::optional<std::string> piped_credentials(const shell::Script& script,
                                             const shell::Command& cmd) {
  if (cmd.pipeline < 0) return std::nullopt;
  for (const shell::Command& other : script.commands) {
    if (&other == &cmd) break;
    if (other.pipeline != cmd.pipeline || !other.name.literal) continue;
    if (other.name.value != "echo" && other.name.value != "printf") continue;
    for (const shell::Word& w : other.args) {
      if (!w.literal || w.value.starts_with("-") || w.value.find(':') == std::string::npos)
        continue;
      if (other.name.value == "printf" && w.value.find('%') != std::string::npos) break;
      return w.value;
    }
  }
  return std::nullopt;
}

// The password then comes from a build secret, not from the Dockerfile.
bool mounts_secret(const dockerfile::Instruction& run) {
  for (const dockerfile::Flag& flag : run.flags)
    if (flag.name == "mount" && flag.value.find("type=secret") != std::string::npos) return true;
  return false;
}

class PasswordSetInBuild final : public DockerfileRule {
 public:
  PasswordSetInBuild() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_instruction(file, dockerfile::Keyword::run, [&](const dockerfile::Instruction& run) {
      if (mounts_secret(run)) return;
      for (const shell::Script& script : run.scripts)
        for (const shell::Command& cmd : script.commands) check(script, cmd, sink);
    });
  }

 private:
  static void check(const shell::Script& script, const shell::Command& cmd, FindingSink& sink) {
    if (!cmd.name.literal) return;
    const std::string& name = cmd.name.value;
    bool sets = name == "chpasswd" || (name == "passwd" && has_option(cmd, {"stdin"})) ||
                (name == "usermod" && has_option(cmd, {"password"}, "p"));
    if (!sets) return;
    std::string what = "sets a password";
    if (auto creds = piped_credentials(script, cmd)) {
      std::string_view line = *creds;
      line = line.substr(0, line.find('\n'));
      auto colon = line.find(':');
      std::string_view user = line.substr(0, colon);
      bool empty = colon + 1 == line.size();
      what = empty ? fmt::format("gives `{}` an empty password (anyone can log in as it)", user)
                   : fmt::format("sets the password of `{}` from a literal", user);
    }
    sink.report(cmd.span,
                fmt::format("`{}` {}: it stays readable in the Dockerfile and the image "
                            "history; read it from a build secret (RUN --mount=type=secret) "
                            "or do without a login password",
                            name, what));
  }
};

INFRALINT_REGISTER_RULE(PasswordSetInBuild);

}  // namespace
}  // namespace infralint
