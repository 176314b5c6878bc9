// Compose services as Containers (Compose Specification: services.<name>.*).
#include <algorithm>

#include "model/adapters.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

bool contains_reference(std::string_view value) { return value.find('$') != std::string_view::npos; }

// "[[ip:]host:]container[/proto]", "[::1]:80:80", "8000-8010:8000-8010".
PortBinding parse_short_port(std::string spec, Span span) {
  PortBinding p;
  p.span = span;
  p.host_port_span = span;
  p.published = true;
  if (auto slash = spec.rfind('/'); slash != std::string::npos) {
    p.protocol = spec.substr(slash + 1);
    spec.resize(slash);
  }
  if (spec.starts_with('[')) {
    auto close = spec.find(']');
    if (close != std::string::npos) {
      p.host_ip = spec.substr(1, close - 1);
      spec = close + 1 < spec.size() && spec[close + 1] == ':' ? spec.substr(close + 2) : "";
    }
  }
  auto last = spec.rfind(':');
  if (last == std::string::npos) {
    p.container_port = spec;
    return p;
  }
  p.container_port = spec.substr(last + 1);
  std::string rest = spec.substr(0, last);
  auto host_colon = rest.rfind(':');
  if (host_colon == std::string::npos) {
    p.host_port = rest;
  } else {
    p.host_port = rest.substr(host_colon + 1);
    p.host_ip = rest.substr(0, host_colon);
  }
  return p;
}

void read_ports(const yaml::Node* ports, Container& c) {
  if (!ports || !ports->is_sequence()) return;
  for (const yaml::Node* item : ports->items) {
    if (item->is_scalar()) {
      if (auto text = scalar_text(item)) c.ports.push_back(parse_short_port(*text, item->span));
      continue;
    }
    if (!item->is_mapping()) continue;
    PortBinding p;
    p.span = item->span;
    p.published = true;
    p.container_port = scalar_text(item->get("target")).value_or("");
    const yaml::Node* published = item->get("published");
    p.host_port = scalar_text(published).value_or("");
    p.host_port_span = published ? published->span : item->span;
    p.host_ip = scalar_text(item->get("host_ip")).value_or("");
    p.protocol = scalar_text(item->get("protocol")).value_or("");
    c.ports.push_back(p);
  }
}

bool is_host_path(std::string_view source) {
  return source.starts_with('/') || source.starts_with('.') || source.starts_with('~') ||
         source.starts_with("${") || source.starts_with('$');
}

void read_volumes(const yaml::Node* volumes, Container& c) {
  if (!volumes || !volumes->is_sequence()) return;
  for (const yaml::Node* item : volumes->items) {
    Mount m;
    m.span = item->span;
    if (item->is_scalar()) {
      auto text = scalar_text(item);
      if (!text) continue;
      std::string spec = *text;
      auto first = spec.find(':');
      if (first == std::string::npos) {
        m.target = spec;  // an anonymous volume
      } else {
        std::string source = spec.substr(0, first);
        std::string rest = spec.substr(first + 1);
        auto second = rest.find(':');
        m.target = rest.substr(0, second);
        if (second != std::string::npos) {
          std::string mode = rest.substr(second + 1);
          m.read_only = mode == "ro" || mode.starts_with("ro,") ||
                        mode.find(",ro") != std::string::npos;
        }
        if (is_host_path(source)) m.host_path = source;
      }
    } else if (item->is_mapping()) {
      std::string type = scalar_text(item->get("type")).value_or("volume");
      m.target = scalar_text(item->get("target")).value_or("");
      m.read_only = scalar_bool(item->get("read_only")).value_or(false);
      if (type == "bind") m.host_path = scalar_text(item->get("source")).value_or("");
    } else {
      continue;
    }
    c.mounts.push_back(m);
  }
}

void read_environment(const yaml::Node* env, Container& c) {
  if (!env) return;
  if (env->is_sequence()) {
    for (const yaml::Node* item : env->items) {
      auto text = scalar_text(item);
      if (!text) continue;
      EnvVar v;
      auto eq = text->find('=');
      v.name = text->substr(0, eq);
      v.name_span = span_within_scalar(*item, 0, v.name.size());
      if (eq == std::string::npos) {
        v.value_span = v.name_span;
      } else {
        std::string value = text->substr(eq + 1);
        if (!contains_reference(value)) v.literal = value;
        v.value_span = span_within_scalar(*item, eq + 1, value.size());
      }
      c.env.push_back(v);
    }
  } else if (env->is_mapping()) {
    for (const yaml::Pair& pair : env->pairs) {
      EnvVar v;
      v.name = scalar_text(pair.key).value_or("");
      v.name_span = pair.key->span;
      v.value_span = pair.value->is_null() ? pair.key->span : pair.value->span;
      if (auto value = scalar_text(pair.value); value && !contains_reference(*value))
        v.literal = *value;
      c.env.push_back(v);
    }
  }
}

void read_security_opt(const yaml::Node* opts, Container& c) {
  if (!opts || !opts->is_sequence()) return;
  for (const yaml::Node* item : opts->items) {
    auto text = scalar_text(item);
    if (!text) continue;
    if (*text == "no-new-privileges" || *text == "no-new-privileges:true" ||
        *text == "no-new-privileges=true") {
      c.allow_privilege_escalation = {false, item->span};
    } else if (*text == "no-new-privileges:false" || *text == "no-new-privileges=false") {
      c.allow_privilege_escalation = {true, item->span};
    }
  }
}

std::vector<Setting<std::string>> string_list(const yaml::Node* node) {
  std::vector<Setting<std::string>> out;
  if (!node || !node->is_sequence()) return out;
  for (const yaml::Node* item : node->items)
    if (auto s = string_setting(item); s.present()) out.push_back(s);
  return out;
}

Setting<bool> namespace_mode(const yaml::Node* node) {
  Setting<bool> s;
  if (auto text = scalar_text(node)) s = {*text == "host", node->span};
  return s;
}

Container read_service(const yaml::Pair& entry) {
  const yaml::Node& svc = *entry.value;
  Container c;
  c.source = ContainerSource::compose_service;
  c.name = scalar_text(entry.key).value_or("");
  c.span = entry.key->span;
  c.location.container = &svc;
  c.has_build = svc.get("build") != nullptr;
  c.image = string_setting(svc.get("image"));
  c.user = string_setting(svc.get("user"));
  c.privileged = bool_setting(svc.get("privileged"));
  c.read_only_root_filesystem = bool_setting(svc.get("read_only"));
  c.cap_add = string_list(svc.get("cap_add"));
  c.cap_drop = string_list(svc.get("cap_drop"));
  c.host_network = namespace_mode(svc.get("network_mode"));
  c.host_pid = namespace_mode(svc.get("pid"));
  c.host_ipc = namespace_mode(svc.get("ipc"));
  read_security_opt(svc.get("security_opt"), c);
  read_volumes(svc.get("volumes"), c);
  read_ports(svc.get("ports"), c);
  read_environment(svc.get("environment"), c);

  c.memory_limit = string_setting(at_path(&svc, {"deploy", "resources", "limits", "memory"}));
  if (!c.memory_limit.present()) c.memory_limit = string_setting(svc.get("mem_limit"));
  c.cpu_limit = string_setting(at_path(&svc, {"deploy", "resources", "limits", "cpus"}));
  if (!c.cpu_limit.present()) c.cpu_limit = string_setting(svc.get("cpus"));
  c.cpu_request = string_setting(at_path(&svc, {"deploy", "resources", "reservations", "cpus"}));

  if (const yaml::Node* hc = svc.get("healthcheck")) {
    bool disabled = scalar_bool(hc->get("disable")).value_or(false);
    if (const yaml::Node* test = hc->get("test")) {
      if (scalar_text(test) == "NONE") disabled = true;
      if (test->is_sequence() && !test->items.empty() && scalar_text(test->items[0]) == "NONE")
        disabled = true;
    }
    c.healthcheck = {!disabled, hc->span};
  }
  return c;
}

}  // namespace

void adapt_compose(const Document& doc, Model& model) {
  const auto* stream = doc.tree<yaml::Stream>();
  if (!stream) return;
  for (const yaml::YamlDocument& d : stream->documents) {
    const yaml::Node* services = at_path(d.root, {"services"});
    if (!services || !services->is_mapping()) continue;
    for (const yaml::Pair& entry : services->pairs) {
      if (!entry.value->is_mapping()) continue;
      Container c = read_service(entry);
      c.editor = &compose_editor();
      Workload w;
      w.kind = "compose service";
      w.name = c.name;
      w.span = c.span;
      if (auto replicas = scalar_int(at_path(entry.value, {"deploy", "replicas"})))
        w.replicas = {*replicas, at_path(entry.value, {"deploy", "replicas"})->span};
      w.restart = string_setting(entry.value->get("restart"));
      w.containers.push_back(model.containers.size());
      model.workloads.push_back(std::move(w));
      model.containers.push_back(std::move(c));
    }
  }
}

}  // namespace infralint
