#include <fmt/format.h>

#include <algorithm>

#include "engine/dockerfile_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A script downloaded and run in one go, unverified: `curl … | sh`, `wget -qO- … | sudo bash -s`,
`curl … | python3 -`, `sh -c "$(curl …)"`, `bash <(curl …)`. An interpreter that reads its
program from elsewhere (`curl … | python3 -c '…'` parsing JSON, `curl … | sh ./x.sh`) is not
reported.

## Why it matters
Nothing checks what was downloaded: a compromised server, CDN or DNS answer, or a truncated
transfer, runs as root in the build. The script can also change between two builds of the
same commit, so the image is not reproducible.

## Example
```dockerfile
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
```

## Fixed
```dockerfile
ADD --checksum=sha256:<digest> https://deb.nodesource.com/setup_20.x /tmp/setup.sh
RUN bash /tmp/setup.sh && rm /tmp/setup.sh
```

Download to a file, verify its checksum (`ADD --checksum`, `sha256sum -c`) or signature, then
run it; or install from the distribution's signed packages. No automatic fix: the digest is a
fact only you can check.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/pipe-to-shell",
    .title = "Downloaded script piped into a shell",
    .severity = Severity::warning,
    .categories = {Category::security, Category::reliability, Category::compliance},
    .compliance = {"CIS-Docker-1.6:4.11", "CIS-Docker-1.6:4.12"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

bool is_downloader(const shell::Command& cmd) {
  return cmd.name.literal && (cmd.name.value == "curl" || cmd.name.value == "wget");
}

bool is_shell(std::string_view name) {
  static constexpr std::string_view kShells[] = {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"};
  return std::find(std::begin(kShells), std::end(kShells), name) != std::end(kShells);
}

bool is_interpreter(std::string_view name) {
  return is_shell(name) || name.starts_with("python") || name == "perl" || name == "ruby" ||
         name == "node" || name == "php";
}

// The interpreter a pipeline stage runs, through `sudo` and `env`, with its arguments; nullopt
// when the stage is no interpreter or reads its program from an argument or a file.
std::optional<std::string> stdin_interpreter(const shell::Command& cmd) {
  if (!cmd.name.literal) return std::nullopt;
  std::vector<const shell::Word*> words{&cmd.name};
  for (const shell::Word& w : cmd.args) words.push_back(&w);
  std::size_t i = 0;
  while (i < words.size() && (words[i]->value == "sudo" || words[i]->value == "env")) {
    ++i;
    while (i < words.size() &&
           (words[i]->value.starts_with("-") || words[i]->value.find('=') != std::string::npos)) {
      bool takes_value = words[i]->value == "-u" || words[i]->value == "-g";
      i += takes_value ? 2 : 1;
    }
  }
  if (i >= words.size() || !words[i]->literal) return std::nullopt;
  std::string name = words[i]->value.substr(words[i]->value.rfind('/') + 1);
  if (!is_interpreter(name)) return std::nullopt;
  for (std::size_t j = i + 1; j < words.size(); ++j) {
    std::string_view a = words[j]->value;
    if (a == "-" || a == "-s" || a == "--") break;
    if (a.starts_with("-")) {
      if (a == "-c" || a == "-e" || a == "-m" || a == "-r" || a == "-E") return std::nullopt;
      if (a == "-o" || a == "-O") ++j;
      continue;
    }
    return std::nullopt;  // a script file: stdin is its data
  }
  return name;
}

bool substitutes_download(const shell::Word& w) {
  if (w.literal) return false;
  for (std::string_view open : {"$(", "<(", "`"})
    for (std::string_view tool : {"curl ", "wget "})
      if (w.value.find(fmt::format("{}{}", open, tool)) != std::string::npos) return true;
  return false;
}

class PipeToShell final : public DockerfileRule {
 public:
  PipeToShell() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_instruction(file, dockerfile::Keyword::run, [&](const dockerfile::Instruction& run) {
      for (const shell::Script& script : run.scripts) check(script, sink);
    });
  }

 private:
  static void check(const shell::Script& script, FindingSink& sink) {
    const auto& cmds = script.commands;
    for (std::size_t i = 0; i < cmds.size(); ++i) {
      if (is_downloader(cmds[i]) && cmds[i].pipeline >= 0) {
        for (std::size_t j = i + 1; j < cmds.size(); ++j) {
          if (cmds[j].pipeline != cmds[i].pipeline) continue;
          if (auto interpreter = stdin_interpreter(cmds[j])) {
            sink.report(cmds[i].span.cover(cmds[j].span),
                        fmt::format("`{} … | {}` runs a downloaded script without verifying "
                                    "it; download it to a file, check its checksum or "
                                    "signature, then run it",
                                    cmds[i].name.value, *interpreter));
            break;
          }
        }
      }
      if (cmds[i].name.literal && is_shell(cmds[i].name.value))
        for (const shell::Word& w : cmds[i].args)
          if (substitutes_download(w)) {
            sink.report(cmds[i].span,
                        fmt::format("`{}` runs a script downloaded by `{}` without verifying "
                                    "it; download it to a file, check its checksum or "
                                    "signature, then run it",
                                    cmds[i].name.value,
                                    w.value.find("curl") != std::string::npos ? "curl" : "wget"));
            break;
          }
    }
  }
};

INFRALINT_REGISTER_RULE(PipeToShell);

}  // namespace
}  // namespace infralint
