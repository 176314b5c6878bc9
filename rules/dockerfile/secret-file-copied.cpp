#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/dockerfile_rule.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
`COPY` or `ADD` of a file that holds credentials, by its name (source, or destination file):
SSH private keys (`id_rsa`, `id_ed25519`, …), `.env` files (not `.env.example` and the like),
private keys (`*.key`, `*.pem`, `*.p12`, `*.pfx`, except names that say certificate, chain,
bundle or public), `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`, `credentials`,
`credentials.json`, and anything under `.ssh/`, `.aws/`, `.gnupg/`, `.kube/` or `.docker/`
(except public keys, `known_hosts` and `authorized_keys`).

In a stage that ends up in the final image it is an error. In a build stage it is a warning:
the file does not reach the final image, but it stays in that stage's layers, in the build
cache, and in any image built or pushed with `--target` that stage.

## Why it matters
Whoever can pull the image can read every file of every layer; deleting the file in a later
RUN does not remove it from the layer that added it.

## Example
```dockerfile
COPY .npmrc /root/.npmrc
RUN npm ci
```

## Fixed
```dockerfile
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
```

Build with `docker build --secret id=npmrc,src=$HOME/.npmrc .`: the file is there while the RUN
runs and in no layer. No automatic fix: the secret's id and the build command are yours.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/secret-file-copied",
    .title = "Secret file copied into the image",
    .severity = Severity::error,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:4.10"},
    .aliases = {"trivy:DS-0031"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [&](std::string_view p) { return s.find(p) != std::string_view::npos; });
}

// What a path names, when it is a file of credentials: "an SSH private key", ...
// `in_directories`: also a path under a credentials directory (for sources; a destination in
// ~/.ssh is often authorized_keys).
std::optional<std::string_view> secret_kind(std::string_view path, bool in_directories) {
  std::string p = lower(path);
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  std::string_view base = std::string_view(p).substr(p.rfind('/') + 1);
  if (base == "known_hosts" || base == "authorized_keys" || base.ends_with(".pub"))
    return std::nullopt;
  // Under a credentials directory: one of the path's components names it.
  for (std::string_view rest = p; in_directories;) {
    std::size_t slash = rest.find('/');
    std::string_view component = rest.substr(0, slash);
    for (std::string_view dir : {".ssh", ".aws", ".gnupg", ".kube", ".docker"})
      if (component == dir) return "a credentials directory";
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  for (std::string_view key : {"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"})
    if (base == key) return "an SSH private key";
  if (base == ".env" ||
      (base.starts_with(".env.") &&
       !contains_any(base, {"example", "sample", "template", "dist", "default", "schema"})))
    return "a dotenv file";
  if (base == ".npmrc") return "an npm configuration, which holds registry tokens";
  if (base == ".pypirc") return "a PyPI configuration, which holds upload credentials";
  if (base == ".netrc" || base == ".git-credentials") return "a file of login credentials";
  if (base == "credentials" || base == "credentials.json") return "a credentials file";
  auto dot = base.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view ext = base.substr(dot + 1);
  std::string_view stem = base.substr(0, dot);
  if (ext == "p12" || ext == "pfx") return "a private key store";
  bool public_part =
      contains_any(stem, {"cert", "crt", "chain", "bundle", "pub", "gpg", "signing"}) ||
      stem == "ca" || stem.starts_with("ca-") || stem.starts_with("ca_") || stem.ends_with("-ca") ||
      stem.ends_with("_ca");
  if ((ext == "key" || ext == "pem") && !public_part) return "a private key";
  return std::nullopt;
}

class SecretFileCopied final : public DockerfileRule {
 public:
  SecretFileCopied() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    std::vector<std::size_t> final_stages = final_image_stages(file);
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const dockerfile::Instruction& ins = file.instructions[i];
      if (ins.keyword != dockerfile::Keyword::copy && ins.keyword != dockerfile::Keyword::add)
        continue;
      if (ins.words.size() < 2 || !ins.heredocs.empty()) continue;
      bool in_image =
          std::find(final_stages.begin(), final_stages.end(), ins.stage) != final_stages.end();
      const auto& vars = dockerfile::variables_at(file, i);
      bool found = false;
      for (std::size_t w = 0; w < ins.words.size(); ++w) {
        const dockerfile::Word& word = ins.words[w];
        bool dest = w + 1 == ins.words.size();
        if (dest && (found || ins.words.size() > 2 || word.value.ends_with("/"))) continue;
        auto path = dockerfile::expand(word.raw, vars, file.escape);
        if (!path || path->find("://") != std::string::npos) continue;
        auto kind = secret_kind(*path, !dest);
        if (!kind) continue;
        Finding& f = sink.report(
            word.span,
            fmt::format("`{}` looks like {}: {}; mount it for the RUN that needs it with "
                        "RUN --mount=type=secret instead",
                        *path, *kind,
                        in_image ? "anyone who can pull the image can read it"
                                 : "this build stage keeps it in its layers and the build "
                                   "cache (not in the final image, unless the stage is "
                                   "built or pushed with --target)"));
        if (!in_image) f.severity = Severity::warning;
        found = true;
      }
    }
  }
};

INFRALINT_REGISTER_RULE(SecretFileCopied);

}  // namespace
}  // namespace infralint
