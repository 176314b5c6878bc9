// What the unified model says of a document's containers, for the stack: who they run as, the
// image they run, and the HTTP path their health check probes.
#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

#include "model/entities.hpp"
#include "model/railway_config.hpp"
#include "model/stack/facts.hpp"
#include "model/yaml_values.hpp"
#include "parse/toml/toml.hpp"
#include "parse/yaml/yaml.hpp"
#include "model/users.hpp"

namespace infralint::stack {
namespace {

HealthPath normalised(std::string path, Span span, std::string source) {
  if (auto q = path.find_first_of("?#"); q != std::string::npos) path.resize(q);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path.empty() || path.front() != '/' || path.find('$') != std::string::npos ||
      path.find("{{") != std::string::npos)
    return {};
  return {std::move(path), span, std::move(source)};
}

// A probe's httpGet.path: liveness first (what a HEALTHCHECK means), else startup.
HealthPath probe_path(const yaml::Node* container) {
  for (std::string_view probe : {"livenessProbe", "startupProbe"}) {
    const yaml::Node* path = at_path(container, {probe, "httpGet", "path"});
    if (auto text = scalar_text(path)) return normalised(*text, path->span, std::string(probe));
  }
  return {};
}

}  // namespace

HealthPath url_health_path(std::string_view text, std::size_t offset, std::string source) {
  auto scheme = text.find("http://");
  std::size_t skip = 7;
  if (auto https = text.find("https://"); https < scheme) {
    scheme = https;
    skip = 8;
  }
  if (scheme == std::string_view::npos) return {};
  std::size_t end = scheme;
  while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
         std::string_view("\"'|;&,]").find(text[end]) == std::string_view::npos)
    ++end;
  std::string_view url = text.substr(scheme, end - scheme);
  auto slash = url.find('/', skip);
  if (slash == std::string_view::npos) return normalised("/", {offset + scheme, offset + end},
                                                         std::move(source));
  return normalised(std::string(url.substr(slash)),
                    {offset + scheme + slash, offset + end}, std::move(source));
}

void add_runtime_facts(const Document& doc, DocumentFacts& out) {
  const auto* model = doc.model<Model>();
  // Each container finds its workload by "kind/name" (the first of that name, as a search
  // would): a stream of thousands of workloads must not be searched once per container.
  std::unordered_map<std::string, std::size_t> workload_by_name;
  if (model)
    for (std::size_t i = 0; i < out.kube_workloads.size(); ++i)
      workload_by_name.try_emplace(out.kube_workloads[i].kind + "/" + out.kube_workloads[i].name, i);
  if (model)
    for (const Container& c : model->containers) {
      if (c.source == ContainerSource::dockerfile_image) {
        out.image_user_set = c.user.present() && !is_root_user(*c.user.value);
        out.image_span = c.span;
        if (c.healthcheck.value == true)
          out.image_health = url_health_path(doc.text().substr(c.healthcheck.span.begin,
                                                               c.healthcheck.span.size()),
                                             c.healthcheck.span.begin, "HEALTHCHECK");
      } else if (c.source == ContainerSource::compose_service) {
        auto it = std::find_if(out.compose_services.begin(), out.compose_services.end(),
                               [&](const ComposeService& s) { return s.name == c.name; });
        if (it == out.compose_services.end()) continue;
        it->user_set = c.user.present();
        if (c.image.present()) {
          it->image = *c.image.value;
          it->image_span = c.image.span;
        }
        const yaml::Node* test = at_path(c.location.container, {"healthcheck", "test"});
        if (test && c.healthcheck.value == true)
          it->health = url_health_path(doc.text().substr(test->span.begin, test->span.size()),
                                       test->span.begin, "healthcheck");
      } else if (c.source == ContainerSource::kubernetes_container) {
        if (c.init_container || c.ephemeral_container) continue;
        auto found = workload_by_name.find(c.workload);
        if (found == workload_by_name.end()) continue;
        KubeWorkload::Container kc{c.name, c.image.value.value_or(""), c.image.span,
                                   probe_path(c.location.container)};
        out.kube_workloads[found->second].containers.push_back(std::move(kc));
      }
    }
  if (doc.kind() == Kind::railway)
    if (auto config = railway::read_config(doc))
      for (const railway::Setting& s : railway::settings_of(*config, "deploy", "healthcheckPath"))
        if (s.entry && s.entry->value)
          if (HealthPath h = normalised(s.entry->value->text, s.entry->value->span,
                                        "healthcheckPath");
              h.known())
            out.railway_health.push_back(std::move(h));
}

}  // namespace infralint::stack
