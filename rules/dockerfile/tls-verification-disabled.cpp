#include <fmt/format.h>

#include <algorithm>

#include "engine/dockerfile_rule.hpp"
#include "model/tls_bypass.hpp"
#include "parse/dockerfile/variables.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
Anything that turns off TLS certificate verification for a download, once ARG and ENV values
are resolved:

- options: `curl -k`/`--insecure`, `wget --no-check-certificate`, `pip --trusted-host`,
  `pip config set global.trusted-host`, `npm`/`yarn`/`pnpm config set strict-ssl false`,
  `--no-strict-ssl`, `git config http.sslVerify false`, `git -c http.sslVerify=false`,
  `yum`/`dnf`/`yum-config-manager --setopt=sslverify=0`;
- variables, in `ENV`, `ARG`, `export`, `env` or before a command (`FOO=0 cmd`):
  `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `NPM_CONFIG_STRICT_SSL=false`,
  `YARN_ENABLE_STRICT_SSL=false`, `PIP_TRUSTED_HOST`, and `GIT_SSL_NO_VERIFY` with any value:
  git only checks that it is set, so `GIT_SSL_NO_VERIFY=0` turns verification off too.

## Why it matters
Without certificate checks, anyone on the network path between the builder and the server (a
compromised proxy, a hostile Wi-Fi, a poisoned DNS answer) can hand the build a different
package or script, and it runs with the build's privileges. An `ENV` setting also stays in the
image: the application itself then accepts forged certificates at run time.

## Example
```dockerfile
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
RUN curl -kfsSL https://example.com/tool.tgz | tar -xz
```

## Fixed
```dockerfile
COPY corporate-ca.crt /usr/local/share/ca-certificates/
RUN update-ca-certificates && curl -fsSL https://example.com/tool.tgz | tar -xz
```

When a proxy re-signs traffic, add its CA certificate to the image's trust store instead of
turning checks off. The fix removes a lone `-k`, `--insecure` or `--no-check-certificate`; it
is unsafe: the download fails if the certificate really cannot be verified.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/tls-verification-disabled",
    .title = "TLS certificate verification turned off",
    .severity = Severity::warning,
    .categories = {Category::security},
    .aliases = {"checkov:CKV2_DOCKER_2", "checkov:CKV2_DOCKER_3", "checkov:CKV2_DOCKER_4",
                "checkov:CKV2_DOCKER_5", "checkov:CKV2_DOCKER_6", "checkov:CKV2_DOCKER_12",
                "checkov:CKV2_DOCKER_13", "checkov:CKV2_DOCKER_14", "checkov:CKV2_DOCKER_15",
                "checkov:CKV2_DOCKER_16"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
};

class TlsVerificationDisabled final : public DockerfileRule {
 public:
  TlsVerificationDisabled() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document& doc, const dockerfile::File& file, FindingSink& sink) const override {
    for_each_instruction(file, dockerfile::Keyword::run, [&](const dockerfile::Instruction& run) {
      for (const shell::Script& script : run.scripts)
        for (const shell::Command& cmd : script.commands)
          for (const VerificationBypass& bypass : tls_bypasses(cmd))
            report(doc, file, bypass, sink);
    });
    std::vector<std::size_t> final_stages = final_image_stages(file);
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      const dockerfile::Instruction& ins = file.instructions[i];
      if (ins.keyword != dockerfile::Keyword::env && ins.keyword != dockerfile::Keyword::arg)
        continue;
      bool in_image =
          ins.keyword == dockerfile::Keyword::env &&
          std::find(final_stages.begin(), final_stages.end(), ins.stage) != final_stages.end();
      for (const dockerfile::KeyValue& pair : ins.pairs) {
        if (!pair.value) continue;
        auto value =
            dockerfile::expand(pair.value->raw, dockerfile::variables_at(file, i), file.escape);
        if (!value) continue;
        auto effect = tls_bypass_by_variable(pair.key.value, *value);
        if (!effect) continue;
        sink.report(pair.span,
                    fmt::format("`{}={}` turns off TLS verification {}: {}; add the missing CA "
                                "certificate to the trust store instead",
                                pair.key.value, *value,
                                in_image ? "for the build and the running container"
                                         : "for the RUN commands of this build",
                                *effect));
      }
    }
  }

 private:
  static void report(const Document& doc, const dockerfile::File& file,
                     const VerificationBypass& bypass, FindingSink& sink) {
    std::string message = fmt::format(
        "`{}` turns off TLS verification: {}; add the missing CA certificate to the trust "
        "store instead",
        bypass.setting, bypass.effect);
    auto removal = bypass.removable.empty()
                       ? std::nullopt
                       : option_removal_span(doc.text(), bypass.removable, file.escape);
    if (!removal) {
      sink.report(bypass.span, std::move(message));
      return;
    }
    sink.report(bypass.span, std::move(message),
                Fix{fmt::format("Remove {}", doc.slice(bypass.removable)),
                    {{*removal, ""}},
                    Applicability::unsafe});
  }
};

INFRALINT_REGISTER_RULE(TlsVerificationDisabled);

}  // namespace
}  // namespace infralint
