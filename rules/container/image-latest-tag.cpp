#include <fmt/format.h>

#include <algorithm>

#include "engine/container_rule.hpp"
#include "model/image_ref.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A compose service or Kubernetes container whose `image` has no tag (which means `latest`) or
a floating tag: by default `latest`, `stable`, `edge`, `test`, `nightly`, `dev`, `beta`,
`canary` and `lts` (dclint's `prohibitedTags`; the option `banned-tags` replaces the list).
Not judged: images pinned by digest (`@sha256:…`, the tag is then only a label), images
with an interpolated part (`${TAG}`, `$TAG`: the value is known only at run time), and
compose services with `build:` (their `image` names what compose builds, it is not pulled).
A Dockerfile's `FROM` is judged by `dockerfile/base-image-latest` and
`dockerfile/base-image-untagged`.

## Why it matters
`latest` is whatever the registry holds at pull time: two nodes of the same deployment can run
different versions, a restart can pull a new major release, and a rollback does not roll the
image back.

## Example
```yaml
services:
  cache:
    image: redis
```

## Fixed
```yaml
services:
  cache:
    image: redis:7.4-alpine
```

No automatic fix: which version you tested against is a fact only you have.
)md";

const RuleMeta kMeta{
    .id = "container/image-latest-tag",
    .title = "Image is untagged or tagged latest",
    .severity = Severity::warning,
    .categories = {Category::reliability, Category::security},
    .compliance = {"CIS-Docker-1.6:4.2"},
    .aliases = {"kube-linter:latest-tag", "kube-score:container-image-tag",
                "polaris:tagNotSpecified", "checkov:CKV_K8S_14", "trivy:KSV-0013",
                "dclint:service-image-require-explicit-tag"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
    .options = {{"banned-tags", OptionType::strings,
                 "Tags that float like `latest` (default: latest, stable, edge, test, nightly, "
                 "dev, beta, canary, lts)."}},
};

bool banned(const FindingSink& sink, const std::string& tag) {
  static const std::vector<std::string> kDefault{"latest", "stable", "edge",   "test", "nightly",
                                                 "dev",    "beta",   "canary", "lts"};
  const std::vector<std::string>* list = sink.options().strings("banned-tags");
  if (!list) list = &kDefault;
  return std::find(list->begin(), list->end(), tag) != list->end();
}

class ImageLatestTag final : public ContainerRule {
 public:
  ImageLatestTag() : ContainerRule(kMeta) {}

 protected:
  void check(const Document&, const Container& c, FindingSink& sink) const override {
    auto ref = pulled_image(c);
    if (!ref || ref->has_digest()) return;
    const std::string& image = *c.image.value;
    if (!ref->has_tag()) {
      sink.report(c.image.span,
                  fmt::format("{} uses image `{}` without a tag, so it runs whatever `latest` is "
                              "at pull time; pin a version tag",
                              describe(c), image));
    } else if (banned(sink, ref->tag)) {
      sink.report(c.image.span,
                  fmt::format("{} uses image `{}`: `{}` changes under you; pin a version tag",
                              describe(c), image, ref->tag));
    }
  }
};

INFRALINT_REGISTER_RULE(ImageLatestTag);

}  // namespace
}  // namespace infralint
