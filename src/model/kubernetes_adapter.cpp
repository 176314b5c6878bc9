// Kubernetes pod templates as Containers: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
// ReplicationController, Job, CronJob, PodTemplate, also inside `kind: List`.
#include <map>

#include "model/adapters.hpp"
#include "model/kustomize_patch.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

// Where each workload kind keeps its pod spec.
const yaml::Node* pod_spec_of(const yaml::Node* object, const std::string& kind) {
  if (kind == "Pod") return at_path(object, {"spec"});
  if (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
      kind == "ReplicaSet" || kind == "ReplicationController" || kind == "Job")
    return at_path(object, {"spec", "template", "spec"});
  if (kind == "CronJob") return at_path(object, {"spec", "jobTemplate", "spec", "template", "spec"});
  if (kind == "PodTemplate") return at_path(object, {"template", "spec"});
  return nullptr;
}

// A container-level setting overrides the pod-level one (Kubernetes' precedence).
template <class Read>
auto with_precedence(const yaml::Node* container_ctx, const yaml::Node* pod_ctx,
                     std::string_view key, Read read) {
  auto s = read(container_ctx ? container_ctx->get(key) : nullptr);
  if (!s.present()) s = read(pod_ctx ? pod_ctx->get(key) : nullptr);
  return s;
}

Setting<std::int64_t> int_setting(const yaml::Node* node) {
  Setting<std::int64_t> s;
  if (auto v = scalar_int(node)) s = {*v, node->span};
  return s;
}

std::vector<Setting<std::string>> string_list(const yaml::Node* node) {
  std::vector<Setting<std::string>> out;
  if (!node || !node->is_sequence()) return out;
  for (const yaml::Node* item : node->items)
    if (auto s = string_setting(item); s.present()) out.push_back(s);
  return out;
}

Container read_container(const yaml::Node& node, const yaml::Node& pod, const std::string& workload) {
  Container c;
  c.source = ContainerSource::kubernetes_container;
  c.workload = workload;
  c.name = scalar_text(node.get("name")).value_or("");
  const yaml::Node* name = node.get("name");
  c.span = name ? name->span : node.span;
  c.location.container = &node;
  c.location.pod_spec = &pod;
  c.image = string_setting(node.get("image"));

  const yaml::Node* ctx = node.get("securityContext");
  const yaml::Node* pod_ctx = pod.get("securityContext");
  c.run_as_non_root = with_precedence(ctx, pod_ctx, "runAsNonRoot", bool_setting);
  c.run_as_user = with_precedence(ctx, pod_ctx, "runAsUser", int_setting);
  c.privileged = bool_setting(at_path(ctx, {"privileged"}));
  c.allow_privilege_escalation = bool_setting(at_path(ctx, {"allowPrivilegeEscalation"}));
  c.read_only_root_filesystem = bool_setting(at_path(ctx, {"readOnlyRootFilesystem"}));
  c.cap_add = string_list(at_path(ctx, {"capabilities", "add"}));
  c.cap_drop = string_list(at_path(ctx, {"capabilities", "drop"}));
  c.host_network = bool_setting(pod.get("hostNetwork"));
  c.host_pid = bool_setting(pod.get("hostPID"));
  c.host_ipc = bool_setting(pod.get("hostIPC"));

  std::map<std::string, std::string> host_paths;
  if (const yaml::Node* volumes = pod.get("volumes"); volumes && volumes->is_sequence())
    for (const yaml::Node* v : volumes->items)
      if (auto path = scalar_text(at_path(v, {"hostPath", "path"})))
        host_paths[scalar_text(v->get("name")).value_or("")] = *path;
  if (const yaml::Node* mounts = node.get("volumeMounts"); mounts && mounts->is_sequence()) {
    for (const yaml::Node* m : mounts->items) {
      Mount mount;
      mount.span = m->span;
      mount.target = scalar_text(m->get("mountPath")).value_or("");
      mount.read_only = scalar_bool(m->get("readOnly")).value_or(false);
      auto it = host_paths.find(scalar_text(m->get("name")).value_or(""));
      if (it != host_paths.end()) mount.host_path = it->second;
      c.mounts.push_back(mount);
    }
  }
  if (const yaml::Node* ports = node.get("ports"); ports && ports->is_sequence()) {
    for (const yaml::Node* p : ports->items) {
      PortBinding port;
      port.span = p->span;
      port.container_port = scalar_text(p->get("containerPort")).value_or("");
      port.host_port = scalar_text(p->get("hostPort")).value_or("");
      port.host_ip = scalar_text(p->get("hostIP")).value_or("");
      port.protocol = scalar_text(p->get("protocol")).value_or("");
      port.published = !port.host_port.empty() && port.host_port != "0";
      const yaml::Node* host_port = p->get("hostPort");
      port.host_port_span = host_port ? host_port->span : p->span;
      c.ports.push_back(port);
    }
  }
  if (const yaml::Node* env = node.get("env"); env && env->is_sequence()) {
    for (const yaml::Node* e : env->items) {
      const yaml::Node* n = e->get("name");
      if (!n) continue;
      EnvVar v;
      v.name = scalar_text(n).value_or("");
      v.name_span = n->span;
      const yaml::Node* value = e->get("value");
      v.value_span = value ? value->span : n->span;
      if (auto literal = scalar_text(value)) v.literal = *literal;
      c.env.push_back(v);
    }
  }
  c.memory_limit = string_setting(at_path(&node, {"resources", "limits", "memory"}));
  c.cpu_limit = string_setting(at_path(&node, {"resources", "limits", "cpu"}));
  c.cpu_request = string_setting(at_path(&node, {"resources", "requests", "cpu"}));
  if (const yaml::Node* probe = node.get("livenessProbe")) c.liveness_probe = {true, probe->span};
  if (const yaml::Node* probe = node.get("readinessProbe")) c.readiness_probe = {true, probe->span};
  return c;
}

// A Service of type LoadBalancer or NodePort is reachable from outside the cluster.
void adapt_service(const yaml::Node& service, const std::string& name, Model& model) {
  const yaml::Node* type = at_path(&service, {"spec", "type"});
  auto type_text = scalar_text(type);
  if (type_text != "LoadBalancer" && type_text != "NodePort") return;
  Exposure::Via via =
      *type_text == "LoadBalancer" ? Exposure::Via::load_balancer : Exposure::Via::node_port;
  const yaml::Node* ports = at_path(&service, {"spec", "ports"});
  if (!ports || !ports->is_sequence() || ports->items.empty()) {
    model.exposures.push_back({via, name, "", "", type->span});
    return;
  }
  for (const yaml::Node* p : ports->items) {
    std::string port = scalar_text(p->get(via == Exposure::Via::node_port ? "nodePort" : "port"))
                           .value_or(scalar_text(p->get("port")).value_or(""));
    model.exposures.push_back({via, name, port, "", p->span});
  }
}

// Each host an Ingress routes is a way in.
void adapt_ingress(const yaml::Node& ingress, const std::string& name, Model& model) {
  const yaml::Node* rules = at_path(&ingress, {"spec", "rules"});
  if (!rules || !rules->is_sequence()) return;
  for (const yaml::Node* rule : rules->items) {
    const yaml::Node* host = rule->get("host");
    model.exposures.push_back({Exposure::Via::ingress, name, scalar_text(host).value_or("*"), "",
                               host ? host->span : rule->span});
  }
}

void adapt_object(const yaml::Node* object, Model& model, int depth) {
  if (!object || !object->is_mapping() || depth > 4) return;
  std::string kind = scalar_text(object->get("kind")).value_or("");
  if (kind == "List" || kind.ends_with("List")) {
    if (const yaml::Node* items = object->get("items"); items && items->is_sequence())
      for (const yaml::Node* item : items->items) adapt_object(item, model, depth + 1);
    return;
  }
  std::string name = scalar_text(at_path(object, {"metadata", "name"})).value_or("");
  if (kind == "Service") return adapt_service(*object, name, model);
  if (kind == "Ingress") return adapt_ingress(*object, name, model);
  const yaml::Node* pod = pod_spec_of(object, kind);
  if (!pod || !pod->is_mapping()) return;
  std::string workload = kind + "/" + name;
  Workload w;
  w.kind = kind;
  w.name = name;
  const yaml::Node* name_node = at_path(object, {"metadata", "name"});
  w.span = name_node ? name_node->span : object->span;
  if (const yaml::Node* replicas = at_path(object, {"spec", "replicas"}))
    if (auto n = scalar_int(replicas)) w.replicas = {*n, replicas->span};
  w.restart = string_setting(pod->get("restartPolicy"));
  bool image_missing = false;  // by a container: the API requires one, a patch leaves it out
  for (std::string_view list : {"initContainers", "containers", "ephemeralContainers"}) {
    const yaml::Node* containers = pod->get(list);
    if (!containers || !containers->is_sequence()) continue;
    for (const yaml::Node* node : containers->items) {
      if (!node->is_mapping()) continue;
      image_missing = image_missing || !node->get("image");
      Container c = read_container(*node, *pod, workload);
      c.init_container = list == "initContainers";
      c.ephemeral_container = list == "ephemeralContainers";
      c.editor = &kubernetes_editor();
      w.containers.push_back(model.containers.size());
      model.containers.push_back(std::move(c));
    }
  }
  // A controller with a selector and a container without image is a broken manifest, not a
  // patch: patches leave the selector to the base (which must not change it).
  bool selects = kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
                 kind == "ReplicaSet";
  w.patch = image_missing && !(selects && at_path(object, {"spec", "selector"}));
  model.workloads.push_back(std::move(w));
}

}  // namespace

void adapt_kubernetes(const Document& doc, Model& model) {
  const auto* stream = doc.tree<yaml::Stream>();
  if (!stream) return;
  for (const yaml::YamlDocument& d : stream->documents) adapt_object(d.root, model, 0);
  if (!model.workloads.empty() && named_as_kustomize_patch(doc.path()))
    for (Workload& w : model.workloads) w.patch = true;
}

}  // namespace infralint
