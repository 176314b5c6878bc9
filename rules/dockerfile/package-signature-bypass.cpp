#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/tls_bypass.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Package manager options that install packages without checking their signatures:
`apk --allow-untrusted`, `apt-get --allow-unauthenticated`, `--allow-insecure-repositories`,
`--force-yes`, `-o APT::Get::AllowUnauthenticated=true`, `yum`/`dnf`/`tdnf`/`microdnf
--nogpgcheck` or `--setopt=gpgcheck=0`, `zypper --no-gpg-checks`, and `rpm --nosignature`,
`--nodigest`, `--nofiledigest`, `--noverify`.

## Why it matters
Signatures are what ties a package to its distribution: without them a mirror, a proxy or
anyone on the network path can serve a modified package, and the build installs it as root.
`apt-get --force-yes` is deprecated since apt 1.1 because it silently allows unauthenticated
packages, downgrades and the removal of held packages all at once.

## Example
```dockerfile
RUN apt-get update && apt-get install -y --force-yes curl
RUN apk add --allow-untrusted /tmp/tool.apk
```

## Fixed
```dockerfile
RUN apt-get update && apt-get install -y curl
COPY tool.rsa.pub /etc/apk/keys/
RUN apk add /tmp/tool.apk
```

For a package you build yourself, install its signing key (`/etc/apk/keys`, `rpm --import`,
`/etc/apt/keyrings` with `signed-by=`) rather than turning the check off. The fix removes the
option when it is a word of its own; it is unsafe: the install fails if the package really is
unsigned, and `--force-yes` may have been hiding a downgrade the build needs.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/package-signature-bypass",
    .title = "Package installed without signature verification",
    .severity = Severity::warning,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:4.11"},
    .aliases = {"checkov:CKV2_DOCKER_7", "checkov:CKV2_DOCKER_8", "checkov:CKV2_DOCKER_9",
                "checkov:CKV2_DOCKER_10", "checkov:CKV2_DOCKER_11"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class PackageSignatureBypass final : public DockerfileRule {
 public:
  PackageSignatureBypass() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_instruction(file, dockerfile::Keyword::run, [&](const dockerfile::Instruction& run) {
      for (const shell::Script& script : run.scripts)
        for (const shell::Command& cmd : script.commands)
          for (const VerificationBypass& bypass : signature_bypasses(cmd)) {
            std::string message =
                fmt::format("`{}`: {}; install the signing key instead of skipping the check",
                            bypass.setting, bypass.effect);
            auto removal = bypass.removable.empty()
                               ? std::nullopt
                               : option_removal_span(doc.text(), bypass.removable, file.escape);
            if (!removal) {
              sink.report(bypass.span, std::move(message));
              continue;
            }
            sink.report(bypass.span, std::move(message),
                        Fix{fmt::format("Remove {}", doc.slice(bypass.removable)),
                            {{*removal, ""}},
                            Applicability::unsafe});
          }
    });
  }
};

INFRALINT_REGISTER_RULE(PackageSignatureBypass);

}  // namespace
}  // namespace infralint
