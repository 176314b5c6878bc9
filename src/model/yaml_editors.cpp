// Hardening for compose services and Kubernetes containers, as minimal YAML edits.
#include <fmt/format.h>

#include <algorithm>

#include "fix/yaml_paths.hpp"
#include "fix/yaml_writer.hpp"
#include "model/adapters.hpp"
#include "model/compose_file.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

using Edits = std::optional<std::vector<Edit>>;

Edits one(std::optional<Edit> edit) {
  if (!edit) return std::nullopt;
  return std::vector<Edit>{*edit};
}

// The sequence item (scalar or mapping) a model entity was read from, found by its span.
const yaml::Node* node_at(const yaml::Stream& stream, Span span) {
  for (const yaml::Node& n : stream.arena)
    if (n.span == span && (n.is_scalar() || n.is_mapping())) return &n;
  return nullptr;
}

class ComposeEditor final : public ContainerEditor {
 public:
  Edits harden(const Document& doc, const Container& c, Hardening step) const override {
    const auto* stream = doc.tree<yaml::Stream>();
    const yaml::Node* svc = c.location.container;
    if (!stream || !svc) return std::nullopt;
    std::string_view text = doc.text();
    switch (step) {
      case Hardening::run_as_non_root:
        return one(yaml_edit::set_at_path(text, *stream, *svc, {"user"},
                                          fmt::format("{}:{}", kNonRootUid, kNonRootUid)));
      case Hardening::not_privileged:
        return one(yaml_edit::remove_pair(text, *stream, *svc, "privileged"));
      case Hardening::no_privilege_escalation:
        return one(yaml_edit::add_to_list_at_path(text, *stream, *svc, {"security_opt"},
                                                  "no-new-privileges:true"));
      case Hardening::drop_all_capabilities:
        return one(yaml_edit::add_to_list_at_path(text, *stream, *svc, {"cap_drop"}, "ALL"));
      case Hardening::read_only_root_filesystem:
        return one(yaml_edit::set_at_path(text, *stream, *svc, {"read_only"}, true));
    }
    return std::nullopt;
  }

  Edits bind_port(const Document& doc, const Container&, const PortBinding& port,
                  const std::string& host_ip) const override {
    const auto* stream = doc.tree<yaml::Stream>();
    if (!stream) return std::nullopt;
    const yaml::Node* node = node_at(*stream, port.span);
    if (!node) return std::nullopt;
    std::string_view text = doc.text();
    if (node->is_mapping())
      return one(yaml_edit::set_at_path(text, *stream, *node, {"host_ip"}, host_ip));
    std::string spec = node->value;
    std::string prefix = host_ip.find(':') != std::string::npos ? "[" + host_ip + "]" : host_ip;
    // "8080" (container only) publishes on a random host port; keep that, on one interface.
    if (spec.find(':') == std::string::npos) spec = ":" + spec;
    return one(yaml_edit::set_scalar(text, *stream, *node, prefix + ":" + spec));
  }

  // "SRC:DST" gets ":ro"; "SRC:DST:rw" becomes ":ro"; other modes ("z", "cached") get ",ro".
  Edits mount_read_only(const Document& doc, const Container&, const Mount& mount) const override {
    const auto* stream = doc.tree<yaml::Stream>();
    if (!stream) return std::nullopt;
    const yaml::Node* node = node_at(*stream, mount.span);
    if (!node) return std::nullopt;
    std::string_view text = doc.text();
    if (node->is_mapping())
      return one(yaml_edit::set_at_path(text, *stream, *node, {"read_only"}, true));
    ShortVolume v = split_short_volume(node->value);
    if (v.source.empty()) return std::nullopt;
    std::string kept;
    for (std::size_t start = 0; start < v.mode.size();) {
      auto comma = std::min(v.mode.find(',', start), v.mode.size());
      std::string option = v.mode.substr(start, comma - start);
      if (option != "rw" && option != "ro" && !option.empty()) kept += option + ",";
      start = comma + 1;
    }
    return one(
        yaml_edit::set_scalar(text, *stream, *node, v.source + ":" + v.target + ":" + kept + "ro"));
  }
};

class KubernetesEditor final : public ContainerEditor {
 public:
  Edits harden(const Document& doc, const Container& c, Hardening step) const override {
    const auto* stream = doc.tree<yaml::Stream>();
    const yaml::Node* node = c.location.container;
    if (!stream || !node) return std::nullopt;
    std::string_view text = doc.text();
    switch (step) {
      case Hardening::run_as_non_root: {
        // One nested insertion when securityContext is missing; else set each key.
        const yaml_edit::NewValue ctx = yaml_edit::NewValue::mapping(
            {{"runAsNonRoot", true}, {"runAsUser", kNonRootUid}, {"runAsGroup", kNonRootUid}});
        const yaml::Node* existing = node->get("securityContext");
        if (!existing || existing->is_null())
          return one(yaml_edit::set_at_path(text, *stream, *node, {"securityContext"}, ctx));
        std::vector<Edit> edits;
        auto non_root =
            yaml_edit::set_at_path(text, *stream, *node, {"securityContext", "runAsNonRoot"}, true);
        if (!non_root) return std::nullopt;
        edits.push_back(*non_root);
        if (!c.run_as_user.present() || *c.run_as_user.value == 0) {
          auto uid = yaml_edit::set_at_path(text, *stream, *node, {"securityContext", "runAsUser"},
                                            kNonRootUid);
          if (!uid) return std::nullopt;
          edits.push_back(*uid);
        }
        // A group too: without one the process runs with GID 0, root's group.
        if (!existing->get("runAsGroup") &&
            !at_path(c.location.pod_spec, {"securityContext", "runAsGroup"})) {
          auto gid = yaml_edit::set_at_path(text, *stream, *node, {"securityContext", "runAsGroup"},
                                            kNonRootUid);
          if (!gid) return std::nullopt;
          edits.push_back(*gid);
        }
        return edits;
      }
      case Hardening::not_privileged:
        return one(
            yaml_edit::set_at_path(text, *stream, *node, {"securityContext", "privileged"}, false));
      case Hardening::no_privilege_escalation:
        return one(yaml_edit::set_at_path(text, *stream, *node,
                                          {"securityContext", "allowPrivilegeEscalation"}, false));
      case Hardening::drop_all_capabilities:
        return one(yaml_edit::add_to_list_at_path(
            text, *stream, *node, {"securityContext", "capabilities", "drop"}, "ALL"));
      case Hardening::read_only_root_filesystem:
        return one(yaml_edit::set_at_path(text, *stream, *node,
                                          {"securityContext", "readOnlyRootFilesystem"}, true));
    }
    return std::nullopt;
  }

  Edits mount_read_only(const Document& doc, const Container&, const Mount& mount) const override {
    const auto* stream = doc.tree<yaml::Stream>();
    if (!stream) return std::nullopt;
    const yaml::Node* node = node_at(*stream, mount.span);
    if (!node || !node->is_mapping()) return std::nullopt;
    return one(yaml_edit::set_at_path(doc.text(), *stream, *node, {"readOnly"}, true));
  }
};

}  // namespace

const ContainerEditor& compose_editor() {
  static const ComposeEditor editor;
  return editor;
}

const ContainerEditor& kubernetes_editor() {
  static const KubernetesEditor editor;
  return editor;
}

}  // namespace infralint
