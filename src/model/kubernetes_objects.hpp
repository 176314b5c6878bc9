#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/span.hpp"
#include "parse/yaml/yaml.hpp"

namespace infralint::k8s {

// One Kubernetes object of a manifest stream (items of a `kind: List` are objects of their own),
// with the places rules look at. Every pointer may be null.
struct Object {
  const yaml::Node* node = nullptr;  // the object's mapping
  std::size_t document = 0;          // index of its document in the stream
  std::string kind;
  std::string api_version;
  std::string name;
  std::string namespace_;  // empty when not written
  const yaml::Node* kind_node = nullptr;
  const yaml::Node* api_version_node = nullptr;
  const yaml::Node* metadata = nullptr;
  const yaml::Node* name_node = nullptr;
  // Workloads: the pod template's metadata (the object's own for a Pod) and pod spec.
  const yaml::Node* pod_metadata = nullptr;
  const yaml::Node* pod_spec = nullptr;

  // "Deployment/api"
  std::string describe() const;
  // What to underline for the object as a whole: its name, else its kind, else the mapping.
  Span span() const;
  const yaml::Node* labels() const;
  const yaml::Node* annotations() const;
  const yaml::Node* spec() const { return node ? node->get("spec") : nullptr; }
};

// Every object of every document, in order; Lists expanded; empty documents, scalars and
// mappings without `kind` skipped.
std::vector<Object> objects_of(const yaml::Stream& stream);
// The same for `doc`, whose tree is `stream`: the objects its Model keeps when build_model
// read them, else read now into `scratch`.
const std::vector<Object>& objects_of(const Document& doc, const yaml::Stream& stream,
                                      std::vector<Object>& scratch);

// Where a workload kind keeps its pod spec and pod template metadata; null for other kinds.
const yaml::Node* pod_spec_of(const yaml::Node* object, std::string_view kind);
// Kinds whose objects hold a pod template (a controller); a Pod is its own spec.
bool has_pod_template(std::string_view kind);
const yaml::Node* pod_metadata_of(const yaml::Node* object, std::string_view kind);

// A container of a pod spec and the list holding it.
struct ContainerNode {
  const yaml::Node* node = nullptr;
  std::string_view list;  // "initContainers", "containers", "ephemeralContainers"
  std::string name;
  Span span() const;  // the name, else the mapping
};
std::vector<ContainerNode> containers_of(const yaml::Node* pod_spec);

// Whether a selector (a LabelSelector with matchLabels/matchExpressions, or a plain map as in a
// Service or ReplicationController) selects `labels`. An empty selector selects everything.
bool selector_matches(const yaml::Node* selector, const yaml::Node* labels);

// Windows pods (`spec.os.name: windows`) are exempt from the Linux-only restricted controls.
bool is_windows_pod(const yaml::Node* pod_spec);
// `hostUsers: false`: the pod runs in a user namespace.
bool uses_user_namespace(const yaml::Node* pod_spec);

// The minor version of the `kubernetes-version` setting ("1.31", "v1.31.2"); `newest` when
// unset or unreadable.
int kubernetes_minor(std::string_view setting, int newest);
// The newest minor version the Pod Security Standards tables cover.
inline constexpr int kNewestMinor = 37;

}  // namespace infralint::k8s
