#include <fmt/format.h>

#include "engine/container_rule.hpp"
#include "model/image_ref.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A compose service or Kubernetes container whose `image` is not pinned by digest
(`name:tag@sha256:…`). Not judged: images with an interpolated part (`${IMAGE}`), and compose
services with `build:` (their `image` names what compose builds). A Dockerfile's base images
are left to Dockerfile rules, which see every stage.

## Why it matters
A tag is a pointer the registry owner can move: a re-pushed `1.27` can bring different bytes,
and a compromised registry account can serve a malicious image under a trusted tag. A digest
names exactly one image; every pull gets the same bytes, and an audit can say what ran.

## Example
```yaml
services:
  web:
    image: nginx:1.27
```

## Fixed
```yaml
services:
  web:
    image: nginx:1.27@sha256:<digest of the image you tested>
```

No automatic fix: the digest must come from the registry (`docker buildx imagetools inspect
nginx:1.27`) and be the one you tested; a bot such as Renovate can keep it current. Severity
info: tags with a disciplined release process are a reasonable choice for many teams.
)md";

const RuleMeta kMeta{
    .id = "container/image-not-pinned-by-digest",
    .title = "Image is not pinned by digest",
    .severity = Severity::info,
    .categories = {Category::security, Category::reliability},
    .compliance = {"CIS-Docker-1.6:4.2"},
    .aliases = {"checkov:CKV_K8S_43"},
    .fix = FixAvailability::none,
    .kinds = {Kind::compose, Kind::kubernetes},
    .docs = kDocs,
};

class ImageNotPinnedByDigest final : public ContainerRule {
 public:
  ImageNotPinnedByDigest() : ContainerRule(kMeta) {}

 protected:
  void check(const Document&, const Container& c, FindingSink& sink) const override {
    auto ref = pulled_image(c);
    if (!ref || ref->has_digest()) return;
    const std::string& image = *c.image.value;
    sink.report(c.image.span,
                fmt::format("{} pulls image `{}` by tag, which the registry can move; pin it by "
                            "digest (`{}@sha256:…`)",
                            describe(c), image, image));
  }
};

INFRALINT_REGISTER_RULE(ImageNotPinnedByDigest);

}  // namespace
}  // namespace infralint
