#include "model/kubernetes_relations.hpp"

#include "model/yaml_values.hpp"

namespace infralint::k8s {

std::vector<const Object*> workloads_selected(const std::vector<Object>& objects,
                                              const std::string& ns, const yaml::Node* selector,
                                              bool plain_map_selector) {
  std::vector<const Object*> out;
  if (!selector || !selector->is_mapping() || selector->pairs.empty()) return out;
  for (const Object& o : objects) {
    if (!o.pod_spec || o.namespace_ != ns) continue;
    const yaml::Node* labels = at_path(o.pod_metadata, {"labels"});
    bool match = true;
    if (plain_map_selector) {
      for (const yaml::Pair& p : selector->pairs) {
        const yaml::Node* have =
            labels && labels->is_mapping() ? labels->get(scalar_text(p.key).value_or("")) : nullptr;
        match = match && have && scalar_text(have) == scalar_text(p.value);
      }
    } else {
      match = selector_matches(selector, labels);
    }
    if (match) out.push_back(&o);
  }
  return out;
}

bool has_workload_in(const std::vector<Object>& objects, const std::string& ns) {
  for (const Object& o : objects)
    if (o.pod_spec && o.namespace_ == ns) return true;
  return false;
}

bool has_kind_in(const std::vector<Object>& objects, std::string_view kind, const std::string& ns) {
  for (const Object& o : objects)
    if (o.kind == kind && o.namespace_ == ns) return true;
  return false;
}

const Object* find_object(const std::vector<Object>& objects, std::string_view kind,
                          std::string_view name, const std::string& ns) {
  for (const Object& o : objects)
    if (o.kind == kind && o.name == name && o.namespace_ == ns) return &o;
  return nullptr;
}

std::vector<DeclaredPort> declared_ports(const Object& workload) {
  std::vector<DeclaredPort> out;
  for (const ContainerNode& c : containers_of(workload.pod_spec)) {
    if (c.list == "ephemeralContainers") continue;
    const yaml::Node* ports = c.node->get("ports");
    if (!ports || !ports->is_sequence()) continue;
    for (const yaml::Node* p : ports->items)
      if (p->is_mapping())
        out.push_back({scalar_text(p->get("name")).value_or(""),
                       scalar_text(p->get("containerPort")).value_or(""), p});
  }
  return out;
}

namespace {

bool optional_ref(const yaml::Node* ref) {
  return scalar_bool(at_path(ref, {"optional"})) == true;
}

void add_reference(std::vector<PodReference>& out, std::string_view kind, const yaml::Node* ref,
                   std::string_view key) {
  if (ref && ref->is_mapping() && !optional_ref(ref))
    if (const yaml::Node* name = ref->get(key)) out.push_back({kind, name});
}

IngressBackend backend_of(const yaml::Node* backend) {
  if (!backend || !backend->is_mapping()) return {};
  if (const yaml::Node* service = backend->get("service")) {
    const yaml::Node* port = at_path(service, {"port", "number"});
    if (!port) port = at_path(service, {"port", "name"});
    return {at_path(service, {"name"}), port};
  }
  return {backend->get("serviceName"), backend->get("servicePort")};
}

}  // namespace

std::vector<PodReference> pod_references(const yaml::Node* pod) {
  std::vector<PodReference> out;
  if (!pod || !pod->is_mapping()) return out;
  if (const yaml::Node* sa = pod->get("serviceAccountName"); sa && scalar_text(sa) != "default")
    out.push_back({"ServiceAccount", sa});
  if (const yaml::Node* secrets = pod->get("imagePullSecrets"); secrets && secrets->is_sequence())
    for (const yaml::Node* s : secrets->items) add_reference(out, "Secret", s, "name");
  for (const ContainerNode& c : containers_of(pod)) {
    if (const yaml::Node* from = c.node->get("envFrom"); from && from->is_sequence())
      for (const yaml::Node* f : from->items) {
        add_reference(out, "ConfigMap", at_path(f, {"configMapRef"}), "name");
        add_reference(out, "Secret", at_path(f, {"secretRef"}), "name");
      }
    if (const yaml::Node* env = c.node->get("env"); env && env->is_sequence())
      for (const yaml::Node* e : env->items) {
        add_reference(out, "ConfigMap", at_path(e, {"valueFrom", "configMapKeyRef"}), "name");
        add_reference(out, "Secret", at_path(e, {"valueFrom", "secretKeyRef"}), "name");
      }
  }
  if (const yaml::Node* volumes = pod->get("volumes"); volumes && volumes->is_sequence())
    for (const yaml::Node* v : volumes->items) {
      add_reference(out, "ConfigMap", at_path(v, {"configMap"}), "name");
      add_reference(out, "Secret", at_path(v, {"secret"}), "secretName");
      add_reference(out, "PersistentVolumeClaim", at_path(v, {"persistentVolumeClaim"}),
                    "claimName");
      if (const yaml::Node* sources = at_path(v, {"projected", "sources"});
          sources && sources->is_sequence())
        for (const yaml::Node* s : sources->items) {
          add_reference(out, "ConfigMap", at_path(s, {"configMap"}), "name");
          add_reference(out, "Secret", at_path(s, {"secret"}), "name");
        }
    }
  return out;
}

std::vector<IngressBackend> ingress_backends(const Object& ingress) {
  std::vector<IngressBackend> out;
  auto add = [&](const yaml::Node* backend) {
    IngressBackend b = backend_of(backend);
    if (b.name) out.push_back(b);
  };
  const yaml::Node* spec = ingress.spec();
  add(at_path(spec, {"defaultBackend"}));
  add(at_path(spec, {"backend"}));
  if (const yaml::Node* rules = at_path(spec, {"rules"}); rules && rules->is_sequence())
    for (const yaml::Node* rule : rules->items)
      if (const yaml::Node* paths = at_path(rule, {"http", "paths"});
          paths && paths->is_sequence())
        for (const yaml::Node* path : paths->items) add(at_path(path, {"backend"}));
  return out;
}

}  // namespace infralint::k8s
