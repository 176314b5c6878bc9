#include "policy/entity_fields.hpp"

#include "model/image_ref.hpp"

namespace infralint::policy {
namespace {

Field text_field(std::string text, Span span, Literal::Type type = Literal::Type::string) {
  Field f;
  f.text = std::move(text);
  f.has_text = true;
  f.type = type;
  f.span = f.key_span = span;
  return f;
}

Field bool_field(bool value, Span span) {
  return text_field(value ? "true" : "false", span, Literal::Type::boolean);
}

void add(Field& owner, std::string name, Field field) {
  owner.fields.push_back(NamedField{std::move(name), std::move(field)});
}

void add_setting(Field& owner, std::string name, const Setting<std::string>& s) {
  if (s.present()) add(owner, std::move(name), text_field(*s.value, s.span));
}
void add_setting(Field& owner, std::string name, const Setting<bool>& s) {
  if (s.present()) add(owner, std::move(name), bool_field(*s.value, s.span));
}
void add_setting(Field& owner, std::string name, const Setting<std::int64_t>& s) {
  if (s.present())
    add(owner, std::move(name),
        text_field(std::to_string(*s.value), s.span, Literal::Type::number));
}

Field list_field(const std::vector<Setting<std::string>>& values, Span fallback) {
  Field list;
  list.sequence = true;
  list.span = list.key_span =
      values.empty() ? fallback : values.front().span.cover(values.back().span);
  for (const auto& v : values) list.items.push_back(text_field(*v.value, v.span));
  return list;
}

// The span of `part` inside the reference as written, or the whole reference.
Span part_span(const Document& doc, Span whole, std::string_view part) {
  std::string_view written = doc.slice(whole);
  auto at = part.empty() ? std::string_view::npos : written.find(part);
  if (at == std::string_view::npos) return whole;
  return {whole.begin + at, whole.begin + at + part.size()};
}

// `registry` is docker.io for Docker Hub images, as `docker pull` resolves them.
void add_reference_parts(const Document& doc, Field& owner, std::string_view reference, Span span) {
  auto ref = parse_image_ref(reference);
  if (!ref) return;
  add(owner, "registry",
      text_field(ref->registry.empty() ? "docker.io" : ref->registry,
                 part_span(doc, span, ref->registry)));
  add(owner, "repository", text_field(ref->repository, part_span(doc, span, ref->repository)));
  if (ref->has_tag()) {
    Span tag = part_span(doc, span, ":" + ref->tag);
    if (tag != span) ++tag.begin;  // without the ':'
    add(owner, "tag", text_field(ref->tag, tag));
  }
  if (ref->has_digest())
    add(owner, "digest", text_field(ref->digest, part_span(doc, span, ref->digest)));
}

}  // namespace

std::string_view format_of(ContainerSource source) {
  switch (source) {
    case ContainerSource::compose_service:
      return "compose";
    case ContainerSource::kubernetes_container:
      return "kubernetes";
    case ContainerSource::dockerfile_image:
      return "dockerfile";
    case ContainerSource::railway_service:
      return "railway";
  }
  return "compose";
}

Field container_fields(const Document& doc, const Container& c) {
  Field root;
  root.span = root.key_span = c.span;
  add(root, "name", text_field(c.name, c.span));
  add(root, "format", text_field(std::string(format_of(c.source)), c.span));
  if (!c.workload.empty()) add(root, "workload", text_field(c.workload, c.span));
  if (c.image.present()) {
    Field image = text_field(*c.image.value, c.image.span);
    add_reference_parts(doc, image, *c.image.value, c.image.span);
    add(root, "image", std::move(image));
  }
  add(root, "build", bool_field(c.has_build, c.span));
  add(root, "init-container", bool_field(c.init_container, c.span));
  add_setting(root, "user", c.user);
  add_setting(root, "run-as-non-root", c.run_as_non_root);
  add_setting(root, "run-as-user", c.run_as_user);
  add_setting(root, "privileged", c.privileged);
  add_setting(root, "allow-privilege-escalation", c.allow_privilege_escalation);
  add_setting(root, "read-only-root-filesystem", c.read_only_root_filesystem);
  add_setting(root, "host-network", c.host_network);
  add_setting(root, "host-pid", c.host_pid);
  add_setting(root, "host-ipc", c.host_ipc);
  add_setting(root, "memory-limit", c.memory_limit);
  add_setting(root, "cpu-limit", c.cpu_limit);
  add_setting(root, "cpu-request", c.cpu_request);
  add_setting(root, "healthcheck", c.healthcheck);
  add_setting(root, "liveness-probe", c.liveness_probe);
  add_setting(root, "readiness-probe", c.readiness_probe);
  add_setting(root, "start-command", c.start_command);
  add_setting(root, "schedule", c.schedule);
  if (!c.cap_add.empty()) add(root, "cap-add", list_field(c.cap_add, c.span));
  if (!c.cap_drop.empty()) add(root, "cap-drop", list_field(c.cap_drop, c.span));
  if (!c.ports.empty()) {
    Field ports;
    ports.sequence = true;
    ports.span = ports.key_span = c.ports.front().span.cover(c.ports.back().span);
    for (const PortBinding& p : c.ports) {
      Field port;
      port.span = port.key_span = p.span;
      add(port, "container-port", text_field(p.container_port, p.span, Literal::Type::number));
      if (!p.host_port.empty())
        add(port, "host-port", text_field(p.host_port, p.host_port_span, Literal::Type::number));
      if (!p.host_ip.empty()) add(port, "host-ip", text_field(p.host_ip, p.span));
      add(port, "protocol", text_field(p.protocol.empty() ? "tcp" : p.protocol, p.span));
      add(port, "published", bool_field(p.published, p.span));
      ports.items.push_back(std::move(port));
    }
    add(root, "ports", std::move(ports));
  }
  if (!c.mounts.empty()) {
    Field mounts;
    mounts.sequence = true;
    mounts.span = mounts.key_span = c.mounts.front().span.cover(c.mounts.back().span);
    for (const Mount& m : c.mounts) {
      Field mount;
      mount.span = mount.key_span = m.span;
      if (!m.host_path.empty()) add(mount, "host-path", text_field(m.host_path, m.span));
      add(mount, "target", text_field(m.target, m.span));
      add(mount, "read-only", bool_field(m.read_only, m.span));
      mounts.items.push_back(std::move(mount));
    }
    add(root, "mounts", std::move(mounts));
  }
  if (!c.env.empty()) {
    Field env;
    env.span = env.key_span = c.env.front().name_span.cover(c.env.back().value_span);
    for (const EnvVar& v : c.env) {
      Field value = text_field(v.literal.value_or(""), v.value_span);
      value.key_span = v.name_span;
      add(env, v.name, std::move(value));
    }
    add(root, "env", std::move(env));
  }
  return root;
}

Field image_fields(const Document& doc, const Image& image, bool built) {
  Field root;
  root.span = root.key_span = image.span;
  add(root, "reference", text_field(image.reference, image.span));
  add_reference_parts(doc, root, image.reference, image.span);
  add(root, "used-by", text_field(image.used_by, image.span));
  add(root, "final", bool_field(image.in_final_image, image.span));
  add(root, "build", bool_field(built, image.span));
  add(root, "format", text_field(std::string(to_string(doc.kind())), image.span));
  return root;
}

}  // namespace infralint::policy
