#pragma once
#include <string>

#include "engine/rule.hpp"
#include "model/editor.hpp"
#include "model/entities.hpp"
#include "model/image_ref.hpp"

namespace infralint {

// Base of rules written once against the unified model: called for every container of the
// document, whatever format described it.
class ContainerRule : public Rule {
 public:
  using Rule::Rule;
  void check(const Document& doc, FindingSink& sink) const final {
    if (const auto* model = doc.model<Model>())
      for (const Container& c : model->containers) check(doc, c, sink);
  }

 protected:
  virtual void check(const Document& doc, const Container& container, FindingSink& sink) const = 0;
};

// A fix that asks the container's own editor for a hardening step; nullopt when it cannot.
std::optional<Fix> hardening_fix(const Document& doc, const Container& container, Hardening step,
                                 std::string title, Applicability applicability);

// The image a compose service or Kubernetes container pulls, parsed; nullopt when it builds its
// image, names none, or names it through a variable we cannot resolve.
std::optional<ImageRef> pulled_image(const Container& container);

// How a finding names the container: "service `db`", "container `api` of Deployment/api",
// "the image".
std::string describe(const Container& container);

}  // namespace infralint
