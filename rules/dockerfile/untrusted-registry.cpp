#include <fmt/format.h>

#include "engine/dockerfile_rule.hpp"
#include "model/dockerfile_facts.hpp"
#include "model/image_ref.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
With the option `trusted-registries` set, an image pulled from a registry that is not on the
list: a `FROM` (its image after build arguments are expanded) and a `COPY --from=<image>`.
Images without a registry come from Docker Hub, written `docker.io` (`hub.docker.com` and
`index.docker.io` are accepted for it). Entries may use wildcards: `*` (everything),
`*.example.com` (any subdomain), prefixes (`registry*`); an entry with a `/` is matched against
registry and repository (`ghcr.io/acme/*` trusts one organisation's images).
`scratch`, earlier stages and images hidden by a variable with no known value are not judged.
Without the option the rule reports nothing: which registries you trust is your policy.

```yaml
# .infralint.yaml
rules:
  dockerfile/untrusted-registry:
    trusted-registries: [registry.example.com, "*.gcr.io"]
```

## Why it matters
An allow-list of registries is how an organisation makes sure images are scanned, mirrored
and signed; an image from elsewhere bypasses all three.

## Example
```dockerfile
FROM quay.io/someone/tool:1.2
```

## Fixed
```dockerfile
FROM registry.example.com/mirror/someone/tool:1.2
```

No automatic fix: whether a mirror holds the image is not known here.
)md";

const RuleMeta kMeta{
    .id = "dockerfile/untrusted-registry",
    .title = "Image from a registry not on the trusted list",
    .severity = Severity::error,
    .categories = {Category::security, Category::compliance},
    .compliance = {"CIS-Docker-1.6:4.2"},
    .aliases = {"hadolint:DL3026"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile},
    .docs = kDocs,
    .options = {{"trusted-registries", OptionType::strings,
                 "Registries images may come from (wildcards `*`, `*.example.com`, `prefix*`); "
                 "unset: the rule is off"}},
};

bool is_docker_hub(std::string_view registry) {
  return registry.empty() || registry == "docker.io" || registry == "hub.docker.com" ||
         registry == "index.docker.io" || registry == "registry-1.docker.io";
}

// `pattern` is matched against the registry, or, when it has a `/`, against
// registry/repository (`ghcr.io/acme/*` trusts one organisation's images).
bool registry_matches(std::string_view pattern, const ImageRef& ref) {
  std::string registry = is_docker_hub(ref.registry) ? "docker.io" : ref.registry;
  if (pattern.find('/') != std::string_view::npos) {
    std::string name = registry + "/" + ref.repository;
    if (pattern.ends_with('*')) return name.starts_with(pattern.substr(0, pattern.size() - 1));
    return pattern == name;
  }
  if (pattern == "*") return true;
  if (is_docker_hub(pattern) && is_docker_hub(registry)) return true;
  if (pattern.starts_with("*.")) {
    std::string_view suffix = pattern.substr(1);  // ".example.com"
    return registry.ends_with(suffix) && registry.size() > suffix.size();
  }
  if (pattern.ends_with('*')) return registry.starts_with(pattern.substr(0, pattern.size() - 1));
  return pattern == registry;
}

class UntrustedRegistry final : public DockerfileRule {
 public:
  UntrustedRegistry() : DockerfileRule(kMeta) {}

 protected:
  void check(const Document&, const dockerfile::File& file, FindingSink& sink) const override {
    const std::vector<std::string>* trusted = sink.options().strings("trusted-registries");
    if (!trusted) return;
    auto judge = [&](std::string_view image, Span span) {
      if (image == "scratch") return;
      auto ref = parse_image_ref(image);
      if (!ref) return;
      for (const std::string& pattern : *trusted)
        if (registry_matches(pattern, *ref)) return;
      std::string registry = ref->registry.empty() ? "docker.io" : ref->registry;
      sink.report(span, fmt::format("`{}` comes from {}, which is not a trusted registry ({}); "
                                    "use a mirror on a trusted registry",
                                    image, registry, fmt::join(*trusted, ", ")));
    };
    for (const dockerfile::Stage& stage : file.stages) {
      if (stage.parent || !stage.resolved_image) continue;  // an earlier stage, or unknown
      judge(*stage.resolved_image, stage.image.span);
    }
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
      auto source = copy_source(file, i);
      if (!source || source->kind != CopySource::Kind::image || !source->flag) continue;
      if (source->value == "context" || source->value.find_first_of(":@/") == std::string::npos)
        continue;  // a build context name, or a stage typo (copy-from-unknown-stage)
      judge(source->value, source->flag->value_span);
    }
  }
};

INFRALINT_REGISTER_RULE(UntrustedRegistry);

}  // namespace
}  // namespace infralint
