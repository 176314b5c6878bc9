#include "engine/container_rule.hpp"

#include <fmt/format.h>

namespace infralint {

std::optional<Fix> hardening_fix(const Document& doc, const Container& container, Hardening step,
                                 std::string title, Applicability applicability) {
  if (!container.editor) return std::nullopt;
  auto edits = container.editor->harden(doc, container, step);
  if (!edits || edits->empty()) return std::nullopt;
  return Fix{std::move(title), std::move(*edits), applicability};
}

std::optional<ImageRef> pulled_image(const Container& c) {
  if (c.source == ContainerSource::dockerfile_image || c.has_build || !c.image.present())
    return std::nullopt;
  if (c.image.value->find('$') != std::string::npos) return std::nullopt;
  return parse_image_ref(*c.image.value);
}

std::string describe(const Container& c) {
  switch (c.source) {
    case ContainerSource::compose_service: return fmt::format("service `{}`", c.name);
    case ContainerSource::kubernetes_container:
      return fmt::format("{}container `{}` of {}", c.init_container ? "init " : "", c.name,
                         c.workload);
    case ContainerSource::dockerfile_image: return "the image";
    case ContainerSource::railway_service: return "the Railway service";
  }
  return c.name;
}

}  // namespace infralint
