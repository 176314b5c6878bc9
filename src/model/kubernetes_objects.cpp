#include "model/kubernetes_objects.hpp"

#include <fmt/format.h>

#include <charconv>

#include "model/entities.hpp"
#include "model/yaml_values.hpp"

namespace infralint::k8s {
namespace {

std::string text_of(const yaml::Node* node) {
  return scalar_text(node).value_or("");
}

void collect(const yaml::Node* node, std::size_t document, int depth, std::vector<Object>& out) {
  if (!node || !node->is_mapping() || depth > 4) return;
  Object o;
  o.node = node;
  o.document = document;
  o.kind_node = node->get("kind");
  o.kind = text_of(o.kind_node);
  if (o.kind.empty()) return;
  if (o.kind == "List" || (o.kind.ends_with("List") && node->get("items"))) {
    if (const yaml::Node* items = node->get("items"); items && items->is_sequence())
      for (const yaml::Node* item : items->items) collect(item, document, depth + 1, out);
    return;
  }
  o.api_version_node = node->get("apiVersion");
  o.api_version = text_of(o.api_version_node);
  o.metadata = node->get("metadata");
  o.name_node = at_path(node, {"metadata", "name"});
  o.name = text_of(o.name_node);
  o.namespace_ = text_of(at_path(node, {"metadata", "namespace"}));
  o.pod_spec = pod_spec_of(node, o.kind);
  if (o.pod_spec && !o.pod_spec->is_mapping()) o.pod_spec = nullptr;
  o.pod_metadata = pod_metadata_of(node, o.kind);
  out.push_back(std::move(o));
}

}  // namespace

std::string Object::describe() const {
  return fmt::format("{}/{}", kind, name.empty() ? "<unnamed>" : name);
}

Span Object::span() const {
  if (name_node) return name_node->span;
  if (kind_node) return kind_node->span;
  return node->span;
}

const yaml::Node* Object::labels() const {
  return at_path(node, {"metadata", "labels"});
}
const yaml::Node* Object::annotations() const {
  return at_path(node, {"metadata", "annotations"});
}

std::vector<Object> objects_of(const yaml::Stream& stream) {
  std::vector<Object> out;
  for (std::size_t i = 0; i < stream.documents.size(); ++i)
    collect(stream.documents[i].root, i, 0, out);
  return out;
}

const std::vector<Object>& objects_of(const Document& doc, const yaml::Stream& stream,
                                      std::vector<Object>& scratch) {
  if (const Model* model = doc.model<Model>(); model && model->kubernetes_objects)
    return *model->kubernetes_objects;
  scratch = objects_of(stream);
  return scratch;
}

bool has_pod_template(std::string_view kind) {
  return kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
         kind == "ReplicaSet" || kind == "ReplicationController" || kind == "Job" ||
         kind == "CronJob" || kind == "DeploymentConfig";
}

const yaml::Node* pod_spec_of(const yaml::Node* object, std::string_view kind) {
  if (kind == "Pod") return at_path(object, {"spec"});
  if (kind == "CronJob")
    return at_path(object, {"spec", "jobTemplate", "spec", "template", "spec"});
  if (has_pod_template(kind)) return at_path(object, {"spec", "template", "spec"});
  if (kind == "PodTemplate") return at_path(object, {"template", "spec"});
  return nullptr;
}

const yaml::Node* pod_metadata_of(const yaml::Node* object, std::string_view kind) {
  if (kind == "Pod") return at_path(object, {"metadata"});
  if (kind == "CronJob")
    return at_path(object, {"spec", "jobTemplate", "spec", "template", "metadata"});
  if (kind == "PodTemplate") return at_path(object, {"template", "metadata"});
  if (pod_spec_of(object, kind)) return at_path(object, {"spec", "template", "metadata"});
  return nullptr;
}

Span ContainerNode::span() const {
  const yaml::Node* n = node->get("name");
  return n ? n->span : node->span;
}

std::vector<ContainerNode> containers_of(const yaml::Node* pod_spec) {
  std::vector<ContainerNode> out;
  if (!pod_spec || !pod_spec->is_mapping()) return out;
  for (std::string_view list : {"initContainers", "containers", "ephemeralContainers"}) {
    const yaml::Node* seq = pod_spec->get(list);
    if (!seq || !seq->is_sequence()) continue;
    for (const yaml::Node* c : seq->items)
      if (c->is_mapping()) out.push_back({c, list, text_of(c->get("name"))});
  }
  return out;
}

namespace {

bool expression_matches(const yaml::Node* expr, const yaml::Node* labels) {
  std::string key = text_of(expr->get("key"));
  std::string op = text_of(expr->get("operator"));
  const yaml::Node* label = labels && labels->is_mapping() ? labels->get(key) : nullptr;
  std::optional<std::string> value = label ? scalar_text(label) : std::nullopt;
  if (op == "Exists") return value.has_value();
  if (op == "DoesNotExist") return !value.has_value();
  bool in = false;
  if (const yaml::Node* values = expr->get("values"); values && values->is_sequence() && value)
    for (const yaml::Node* v : values->items) in = in || scalar_text(v) == value;
  if (op == "In") return in;
  if (op == "NotIn") return !in;
  return false;
}

bool labels_contain(const yaml::Node* wanted, const yaml::Node* labels) {
  if (!wanted || !wanted->is_mapping()) return true;
  for (const yaml::Pair& p : wanted->pairs) {
    const yaml::Node* have = labels && labels->is_mapping() ? labels->get(text_of(p.key)) : nullptr;
    if (!have || scalar_text(have) != scalar_text(p.value)) return false;
  }
  return true;
}

}  // namespace

bool selector_matches(const yaml::Node* selector, const yaml::Node* labels) {
  if (!selector || !selector->is_mapping()) return true;
  const yaml::Node* match_labels = selector->get("matchLabels");
  const yaml::Node* expressions = selector->get("matchExpressions");
  if (!match_labels && !expressions) return labels_contain(selector, labels);
  if (!labels_contain(match_labels, labels)) return false;
  if (expressions && expressions->is_sequence())
    for (const yaml::Node* e : expressions->items)
      if (e->is_mapping() && !expression_matches(e, labels)) return false;
  return true;
}

bool is_windows_pod(const yaml::Node* pod_spec) {
  return scalar_text(at_path(pod_spec, {"os", "name"})) == "windows";
}

bool uses_user_namespace(const yaml::Node* pod_spec) {
  return scalar_bool(at_path(pod_spec, {"hostUsers"})) == false;
}

int kubernetes_minor(std::string_view setting, int newest) {
  if (setting.starts_with('v')) setting.remove_prefix(1);
  if (!setting.starts_with("1.")) return newest;
  setting.remove_prefix(2);
  int minor = 0;
  auto [end, ec] = std::from_chars(setting.data(), setting.data() + setting.size(), minor);
  if (ec != std::errc{} || end == setting.data()) return newest;
  return minor;
}

}  // namespace infralint::k8s
