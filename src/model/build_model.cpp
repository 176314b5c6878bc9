#include "model/adapters.hpp"

namespace infralint {

std::optional<std::vector<Edit>> ContainerEditor::bind_port(const Document&, const Container&,
                                                            const PortBinding&,
                                                            const std::string&) const {
  return std::nullopt;
}

void build_model(Document& doc) {
  auto model = std::make_unique<Model>();
  switch (doc.kind()) {
    case Kind::dockerfile: adapt_dockerfile(doc, *model); break;
    case Kind::compose: adapt_compose(doc, *model); break;
    case Kind::kubernetes: adapt_kubernetes(doc, *model); break;
    default: break;
  }
  doc.set_model(std::move(model));
}

}  // namespace infralint
