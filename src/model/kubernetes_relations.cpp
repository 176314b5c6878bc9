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

}  // namespace infralint::k8s
