#include <fmt/format.h>

#include "engine/kubernetes_rule.hpp"
#include "fix/yaml_writer.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container whose `imagePullPolicy` is not `Always` (when unset, Kubernetes uses
`IfNotPresent` unless the tag is `latest` or missing — those are left alone, as kube-score
does).

Opt-in: with immutable tags or digests, `IfNotPresent` is the better policy. Select it by id,
`kube-score:container-image-pull-policy`, `polaris:pullPolicyNotAlways` or
`checkov:CKV_K8S_15`.

## Why it matters
With `IfNotPresent` a node runs whatever image it cached under that tag: a re-pushed tag
rolls out unevenly, and a pod may run an image the registry's access control no longer
allows (credentials are checked on pull only).

## Example
```yaml
- name: api
  image: example/api:1.4.2
```

## Fixed
```yaml
- name: api
  image: example/api:1.4.2
  imagePullPolicy: Always
```

The fix is unsafe: every pod start then contacts the registry, so a registry outage keeps
pods from starting.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/image-pull-policy-not-always",
    .title = "Image pull policy is not Always",
    .severity = Severity::info,
    .categories = {Category::security},
    .aliases = {"kube-score:container-image-pull-policy", "polaris:pullPolicyNotAlways",
                "checkov:CKV_K8S_15"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
    .opt_in = true,
};

class ImagePullPolicyNotAlways final : public KubernetesObjectRule {
 public:
  ImagePullPolicyNotAlways() : KubernetesObjectRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream& stream, const k8s::Object& o,
             FindingSink& sink) const override {
    for (const k8s::ContainerNode& c : k8s::containers_of(o.pod_spec)) {
      const yaml::Node* policy = c.node->get("imagePullPolicy");
      std::string image = scalar_text(c.node->get("image")).value_or("");
      std::string last = image.substr(image.rfind('/') == std::string::npos ? 0 : image.rfind('/'));
      if (!policy && (last.find(':') == std::string::npos || image.ends_with(":latest"))) continue;
      auto value = scalar_text(policy);
      if (value == "Always") continue;
      std::string who = fmt::format("container `{}` of {}", c.name, o.describe());
      std::optional<Edit> edit;
      if (policy) {
        edit = yaml_edit::set_scalar(doc.text(), stream, *policy, "Always");
      } else {
        edit = yaml_edit::insert_pair(
            doc.text(), stream, *c.node, "imagePullPolicy", "Always",
            c.node->get("image") ? std::optional<std::string_view>("image") : std::nullopt);
      }
      Finding& f = sink.report(policy ? policy->span : c.span(),
                               policy ? fmt::format("{} pulls its image only if not present; a "
                                                    "re-pushed tag runs unevenly across nodes",
                                                    who)
                                      : fmt::format("{} sets no `imagePullPolicy`, so nodes run "
                                                    "whatever image they cached under the tag",
                                                    who));
      if (edit) f.fix = Fix{"Always pull the image", {*edit}, Applicability::unsafe};
    }
  }
};

INFRALINT_REGISTER_RULE(ImagePullPolicyNotAlways);

}  // namespace
}  // namespace infralint
