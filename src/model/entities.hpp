#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/span.hpp"
#include "model/kubernetes_objects.hpp"
#include "model/nginx_config.hpp"

namespace infralint {

namespace yaml {
struct Node;
}
struct PrometheusModel;

// A setting of an entity: its value when written, and the span of the value in the document.
template <class T>
struct Setting {
  std::optional<T> value;
  Span span;
  bool present() const { return value.has_value(); }
};

enum class ContainerSource { compose_service, kubernetes_container, dockerfile_image, railway_service };

// A port a container listens on, and how it is reachable from outside.
struct PortBinding {
  std::string container_port;
  std::string host_port;  // empty when not published on the host
  std::string host_ip;    // empty: every interface of the host
  std::string protocol;   // tcp (default), udp, sctp
  bool published = false;  // reachable through the host (compose ports, Kubernetes hostPort)
  Span span;              // the whole entry
  Span host_port_span;    // the host port when written apart (long syntax, hostPort), else span
};

// A file system mounted into a container.
struct Mount {
  std::string host_path;  // empty for named volumes, emptyDir, tmpfs, ...
  std::string target;
  bool read_only = false;
  Span span;
};

// One environment variable given to a container.
struct EnvVar {
  std::string name;
  // The literal value; absent when it is a reference resolved at run time (`${VAR}` in compose,
  // valueFrom in Kubernetes, a pass-through `NAME` without value).
  std::optional<std::string> literal;
  Span name_span;
  Span value_span;  // the value when written, else the name
};

// Where a container was found, for the editors that rewrite it in its own syntax.
struct ContainerLocation {
  const yaml::Node* container = nullptr;  // compose service / Kubernetes container mapping
  const yaml::Node* pod_spec = nullptr;   // Kubernetes pod spec holding the container
  std::size_t stage = 0;                  // Dockerfile: index of the final stage
};

class ContainerEditor;

// A running container as any format describes it: a compose service, a container of a
// Kubernetes pod template, or the runtime of a Dockerfile's final stage. Rules about
// containers are written once against this.
struct Container {
  ContainerSource source = ContainerSource::compose_service;
  std::string name;      // service name, container name, or "image" for a Dockerfile
  std::string workload;  // e.g. "Deployment/api" or "CronJob/backup" (Kubernetes only)
  Span span;             // what to underline when nothing more precise exists
  bool init_container = false;
  bool ephemeral_container = false;  // Kubernetes: no resources, probes or ports allowed
  bool has_build = false;  // compose: built from a Dockerfile in the stack

  Setting<std::string> image;
  Setting<std::string> user;                // compose `user`, Dockerfile USER (resolved)
  Setting<bool> run_as_non_root;            // Kubernetes, container over pod
  Setting<std::int64_t> run_as_user;        // Kubernetes, container over pod
  Setting<bool> privileged;
  Setting<bool> allow_privilege_escalation;  // compose: false with no-new-privileges
  Setting<bool> read_only_root_filesystem;
  std::vector<Setting<std::string>> cap_add;
  std::vector<Setting<std::string>> cap_drop;
  Setting<bool> host_network;
  Setting<bool> host_pid;
  Setting<bool> host_ipc;
  std::vector<Mount> mounts;
  std::vector<PortBinding> ports;
  std::vector<EnvVar> env;
  Setting<std::string> memory_limit;
  Setting<std::string> cpu_limit;
  Setting<std::string> cpu_request;
  Setting<bool> healthcheck;      // compose / Dockerfile HEALTHCHECK (false: disabled)
  Setting<bool> liveness_probe;   // Kubernetes
  Setting<bool> readiness_probe;  // Kubernetes
  Setting<std::string> start_command;  // Railway deploy.startCommand
  Setting<std::string> schedule;       // Railway deploy.cronSchedule: runs to completion
  bool runs_once = false;              // Railway restartPolicyType NEVER: a one-shot task

  ContainerLocation location;
  const ContainerEditor* editor = nullptr;
};

// An image a document pulls or builds from: a Dockerfile FROM, a compose `image`, a Kubernetes
// container's `image`.
struct Image {
  std::string reference;  // with build arguments resolved where they have values
  Span span;
  std::string used_by;          // "stage build", "service api", "container api of Deployment/api"
  bool in_final_image = true;  // Dockerfile: false for stages the final image is not built from
};

// What runs containers: a Kubernetes workload, a compose service, a Dockerfile's image.
struct Workload {
  std::string kind;  // "Deployment", "CronJob", ..., "compose service", "image"
  std::string name;
  Span span;
  Setting<std::int64_t> replicas;
  Setting<std::string> restart;         // compose `restart`, Kubernetes restartPolicy
  std::vector<std::size_t> containers;  // indices in Model::containers
  // A kustomize patch (Kubernetes): a kustomization lists its file as a patch, or a container
  // names no image, which the API requires (and, for a controller, there is no selector
  // either), so the object is merged into a base. What it leaves out comes from that base,
  // unseen here.
  bool patch = false;
};

// A way in from outside the container network.
struct Exposure {
  enum class Via { published_port, host_port, load_balancer, node_port, ingress };
  Via via = Via::published_port;
  std::string target;   // the service, container or Service it leads to
  std::string port;     // host or service port; for an Ingress, the host name
  std::string host_ip;  // empty: every interface
  Span span;
};

// A literal value that is a credential, wherever it is written.
struct SecretValue {
  std::string name;  // the variable or key it is set under
  std::string what;  // "an AWS access key id"; empty when the name says it is a secret
  bool by_shape = false;
  Span span;                              // the value
  std::optional<std::size_t> container;  // index in Model::containers, for an environment value
};

// The model of one document: every entity, with spans into the document.
struct Model : DocumentModel {
  std::vector<Container> containers;
  std::vector<Image> images;
  std::vector<Workload> workloads;
  std::vector<Exposure> exposures;
  std::vector<SecretValue> secrets;
  // Rule files, PrometheusRule objects, prometheus.yml (model/prometheus_entities.hpp); null
  // for other documents.
  std::shared_ptr<const PrometheusModel> prometheus;
  // The objects of a Kubernetes stream, read once here for the dozens of rules that look at
  // them; empty (not computed) for other documents.
  std::optional<std::vector<k8s::Object>> kubernetes_objects;
  // The context an nginx file is written for (nginx::file_context), decided once here for the
  // fifty nginx rules; empty for other documents.
  std::optional<nginx::Context> nginx_context;
};

}  // namespace infralint
