#include "model/stack/runtime_links.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "model/image_ref.hpp"

namespace infralint::stack {

ImageName split_image(std::string_view reference) {
  auto ref = parse_image_ref(reference);
  if (!ref) return {std::string(reference), "latest"};
  // Docker Hub is written `redis`, `library/redis` or `docker.io/library/redis`: one repository.
  bool hub = ref->registry.empty() || ref->registry == "docker.io";
  std::string_view repository = ref->repository;
  if (hub && repository.starts_with("library/")) repository.remove_prefix(8);
  ImageName out;
  out.repository = hub ? std::string(repository) : ref->registry + "/" + std::string(repository);
  out.version = ref->has_digest() ? ref->digest : ref->has_tag() ? ref->tag : "latest";
  return out;
}

namespace {

struct HealthEnd {
  End end;
  const HealthPath* health;
};

bool interpolated(std::string_view image) {
  return image.empty() || image.find('$') != std::string_view::npos ||
         image.find("{{") != std::string_view::npos;
}

class RuntimeLinker {
 public:
  explicit RuntimeLinker(Stack& stack) : s_(stack) {}

  void run() {
    index_builds();
    link_build_health();
    link_kubernetes_images();
  }

 private:
  Stack& s_;
  // compose service → the Dockerfile document it builds (build edges with a target)
  std::unordered_map<const ComposeService*, std::size_t> built_from_;
  // scope + repository → compose services running that image
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, const ComposeService*>>>
      by_repository_;

  const ComposeService* service_built_at(std::size_t doc, Span span) const {
    for (const ComposeService& svc : s_.documents[doc].facts.compose_services)
      if (svc.builds && svc.build_span == span) return &svc;
    return nullptr;
  }

  void index_builds() {
    for (const Edge& e : s_.edges)
      if (e.kind == EdgeKind::build && e.to)
        if (const ComposeService* svc = service_built_at(e.from.doc, e.from.span))
          built_from_[svc] = e.to->doc;
    for (std::size_t i = 0; i < s_.documents.size(); ++i)
      for (const ComposeService& svc : s_.documents[i].facts.compose_services)
        if (!interpolated(svc.image))
          by_repository_[s_.scopes[i] + '\n' + split_image(svc.image).repository].push_back(
              {i, &svc});
  }

  void add_health(const HealthEnd& from, const HealthEnd& to) {
    Edge e;
    e.kind = EdgeKind::health;
    e.from = from.end;
    e.to = to.end;
    e.name = from.health->path;
    e.expected = to.health->path;
    e.directive = from.health->source;
    if (e.name != e.expected) e.problem = Problem::path_mismatch;
    s_.edges.push_back(std::move(e));
  }

  // The path a compose service's own image probes: its healthcheck, else its Dockerfile's.
  std::optional<HealthEnd> service_health(std::size_t doc, const ComposeService& svc) const {
    if (svc.health.known())
      return HealthEnd{{doc, svc.health.span, fmt::format("compose service `{}`", svc.name)},
                       &svc.health};
    if (auto it = built_from_.find(&svc); it != built_from_.end())
      return image_health(it->second);
    return std::nullopt;
  }

  std::optional<HealthEnd> image_health(std::size_t dockerfile) const {
    const HealthPath& h = s_.documents[dockerfile].facts.image_health;
    if (!h.known()) return std::nullopt;
    return HealthEnd{{dockerfile, h.span, s_.path(dockerfile)}, &h};
  }

  // A compose healthcheck or Railway healthcheckPath against the HEALTHCHECK of the
  // Dockerfile the service builds from.
  void link_build_health() {
    std::vector<Edge> builds;
    for (const Edge& e : s_.edges)
      if ((e.kind == EdgeKind::build || e.kind == EdgeKind::railway_build) && e.to)
        builds.push_back(e);
    for (const Edge& b : builds) {
      auto image = image_health(b.to->doc);
      if (!image) continue;
      const DocumentFacts& from = s_.documents[b.from.doc].facts;
      if (b.kind == EdgeKind::build) {
        const ComposeService* svc = service_built_at(b.from.doc, b.from.span);
        if (svc && svc->health.known())
          add_health({{b.from.doc, svc->health.span,
                       fmt::format("compose service `{}`", svc->name)},
                      &svc->health},
                     *image);
      } else if (from.railway_dockerfiles.size() == 1) {
        for (const HealthPath& h : from.railway_health)
          add_health({{b.from.doc, h.span, s_.path(b.from.doc)}, &h}, *image);
      }
    }
  }

  // Kubernetes containers running an image a compose service also runs: the same tag, and the
  // same health path.
  void link_kubernetes_images() {
    for (std::size_t i = 0; i < s_.documents.size(); ++i)
      for (const KubeWorkload& w : s_.documents[i].facts.kube_workloads)
        for (const KubeWorkload::Container& c : w.containers) {
          if (interpolated(c.image)) continue;
          ImageName name = split_image(c.image);
          auto it = by_repository_.find(s_.scopes[i] + '\n' + name.repository);
          if (it == by_repository_.end()) continue;
          std::string label = fmt::format("container `{}` of {} `{}`", c.name, w.kind, w.name);
          for (const auto& [doc, svc] : it->second) {
            Edge e;
            e.kind = EdgeKind::same_image;
            e.from = {i, c.image_span, label};
            e.to = End{doc, svc->image_span, fmt::format("compose service `{}`", svc->name)};
            e.name = c.image;
            e.expected = svc->image;
            e.subject = fmt::format("{}/{}", w.kind, w.name);
            if (split_image(svc->image).version != name.version) e.problem = Problem::tag_mismatch;
            s_.edges.push_back(std::move(e));
            if (!c.liveness.known()) continue;
            if (auto health = service_health(doc, *svc))
              add_health({{i, c.liveness.span, label}, &c.liveness}, *health);
          }
        }
  }
};

}  // namespace

void link_runtime(Stack& stack) { RuntimeLinker(stack).run(); }

}  // namespace infralint::stack
