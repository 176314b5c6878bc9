#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/kubernetes_objects.hpp"

namespace infralint::k8s {

// Relations between the objects of a linted set. Functions take the whole set, so they work
// the same on one file's objects and on every file of a stack.

// Workloads (objects with a pod template) in `ns` whose pod labels `selector` selects.
std::vector<const Object*> workloads_selected(const std::vector<Object>& objects,
                                              const std::string& ns, const yaml::Node* selector,
                                              bool plain_map_selector);

// Whether the set holds any workload / any object of `kind` in namespace `ns`: relations are
// judged only when the other side could be in the set at all.
bool has_workload_in(const std::vector<Object>& objects, const std::string& ns);
bool has_kind_in(const std::vector<Object>& objects, std::string_view kind, const std::string& ns);

const Object* find_object(const std::vector<Object>& objects, std::string_view kind,
                          std::string_view name, const std::string& ns);

// A port a container of a workload declares.
struct DeclaredPort {
  std::string name;
  std::string number;
  const yaml::Node* node = nullptr;  // the port's mapping
};
std::vector<DeclaredPort> declared_ports(const Object& workload);

// A reference a pod spec makes by name: ServiceAccount (except `default`), ConfigMaps and
// Secrets (envFrom, env valueFrom, volumes, projected sources, imagePullSecrets) and
// PersistentVolumeClaims. References marked `optional: true` are left out.
struct PodReference {
  std::string_view kind;
  const yaml::Node* name = nullptr;
};
std::vector<PodReference> pod_references(const yaml::Node* pod_spec);

// The backends of an Ingress (defaultBackend, the old `backend`, every rule path): the Service
// name and port (`port.number`, else `port.name`; `serviceName`/`servicePort` in
// extensions/v1beta1). Backends without a Service name are left out.
struct IngressBackend {
  const yaml::Node* name = nullptr;
  const yaml::Node* port = nullptr;
};
std::vector<IngressBackend> ingress_backends(const Object& ingress);

}  // namespace infralint::k8s
