#pragma once
#include <string>
#include <vector>

#include "engine/rule.hpp"
#include "model/kubernetes_objects.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {

// Base of rules that look at a Kubernetes manifest stream as a set of objects (cross-object
// checks get every object of the stream at once).
class KubernetesStreamRule : public Rule {
 public:
  using Rule::Rule;
  void check(const Document& doc, FindingSink& sink) const final {
    std::vector<k8s::Object> scratch;
    if (const auto* stream = doc.tree<yaml::Stream>())
      check(doc, *stream, k8s::objects_of(doc, *stream, scratch), sink);
  }

 protected:
  virtual void check(const Document& doc, const yaml::Stream& stream,
                     const std::vector<k8s::Object>& objects, FindingSink& sink) const = 0;
};

// Base of rules that look at one object at a time.
class KubernetesObjectRule : public KubernetesStreamRule {
 public:
  using KubernetesStreamRule::KubernetesStreamRule;

 protected:
  void check(const Document& doc, const yaml::Stream& stream,
             const std::vector<k8s::Object>& objects, FindingSink& sink) const final {
    for (const k8s::Object& o : objects) check(doc, stream, o, sink);
  }
  virtual void check(const Document& doc, const yaml::Stream& stream, const k8s::Object& object,
                     FindingSink& sink) const = 0;
};

// The minor Kubernetes version rules judge against (the `kubernetes-version` setting).
inline int kubernetes_minor(const FindingSink& sink) {
  return k8s::kubernetes_minor(sink.settings().string("kubernetes-version", "1.37"),
                               k8s::kNewestMinor);
}

}  // namespace infralint
