#include <fmt/format.h>

#include "model/adapters.hpp"
#include "model/secrets.hpp"
#include "parse/nginx/ast.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint {
namespace {

std::string used_by(const Container& c) {
  if (c.source == ContainerSource::compose_service) return fmt::format("service {}", c.name);
  return fmt::format("container {} of {}", c.name, c.workload);
}

// What every format shares, derived once from the containers: images they run, ports they
// publish, secrets in their environment.
void derive_from_containers(Model& model) {
  for (std::size_t i = 0; i < model.containers.size(); ++i) {
    const Container& c = model.containers[i];
    if (c.source != ContainerSource::dockerfile_image && c.image.present())
      model.images.push_back({*c.image.value, c.image.span, used_by(c), true});
    for (const PortBinding& p : c.ports) {
      if (!p.published) continue;
      Exposure e;
      e.via = c.source == ContainerSource::kubernetes_container ? Exposure::Via::host_port
                                                                : Exposure::Via::published_port;
      e.target = c.name;
      e.port = p.host_port.empty() ? p.container_port : p.host_port;
      e.host_ip = p.host_ip;
      e.span = p.span;
      model.exposures.push_back(e);
    }
    for (const EnvVar& v : c.env) {
      if (!v.literal) continue;
      if (auto evidence = classify_secret(v.name, *v.literal))
        model.secrets.push_back({v.name, evidence->what, evidence->by_shape, v.value_span, i});
    }
  }
}

}  // namespace

std::optional<std::vector<Edit>> ContainerEditor::mount_read_only(const Document&,
                                                                  const Container&,
                                                                  const Mount&) const {
  return std::nullopt;
}

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
    case Kind::kubernetes:
      if (const auto* stream = doc.tree<yaml::Stream>())
        model->kubernetes_objects = k8s::objects_of(*stream);
      adapt_kubernetes(doc, *model);
      adapt_prometheus(doc, *model);
      break;
    case Kind::prometheus_rules:
    case Kind::prometheus_config: adapt_prometheus(doc, *model); break;
    case Kind::railway: adapt_railway(doc, *model); break;
    case Kind::nginx:
      if (const auto* config = doc.tree<nginx::Config>())
        model->nginx_context = nginx::file_context(doc.path(), *config);
      break;
    default: break;
  }
  derive_from_containers(*model);
  doc.set_model(std::move(model));
}

}  // namespace infralint
