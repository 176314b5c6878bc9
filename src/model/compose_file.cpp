// Views of a compose document shared by the compose rules (Compose Specification).
#include "model/compose_file.hpp"

#include "core/consulted.hpp"
#include "core/paths.hpp"
#include "model/yaml_values.hpp"

namespace infralint {

const yaml::Node* ComposeFile::section(std::string_view name) const {
  const yaml::Node* node = root.get(name);
  return node && node->is_mapping() ? node : nullptr;
}

std::vector<const yaml::Pair*> ComposeFile::services() const {
  std::vector<const yaml::Pair*> out;
  if (const yaml::Node* s = section("services"))
    for (const yaml::Pair& p : s->pairs)
      if (p.value->is_mapping()) out.push_back(&p);
  return out;
}

bool ComposeFile::partial(std::string_view path) const {
  if (root.get("include")) return true;
  std::string name = std::filesystem::path(std::string(path)).filename().string();
  return name.find("override") != std::string::npos;
}

std::string_view section_name(ComposeResource r) {
  switch (r) {
    case ComposeResource::network:
      return "networks";
    case ComposeResource::volume:
      return "volumes";
    case ComposeResource::secret:
      return "secrets";
    case ComposeResource::config:
      return "configs";
  }
  return "";
}

std::string_view singular(ComposeResource r) {
  std::string_view s = section_name(r);
  return s.substr(0, s.size() - 1);
}

bool is_host_source(std::string_view source) {
  return source.starts_with('/') || source.starts_with('.') || source.starts_with('~') ||
         source.find('/') != std::string_view::npos || source.find('\\') != std::string_view::npos;
}

ShortVolume split_short_volume(std::string_view spec) {
  ShortVolume v;
  // A Windows drive letter ("C:\data:/data") is part of the source.
  std::size_t start =
      spec.size() > 2 && spec[1] == ':' && (spec[2] == '\\' || spec[2] == '/') ? 2 : 0;
  auto first = spec.find(':', start);
  if (first == std::string_view::npos) {
    v.target = spec;
    return v;
  }
  v.source = spec.substr(0, first);
  std::string_view rest = spec.substr(first + 1);
  auto second = rest.find(':');
  v.target = rest.substr(0, second);
  if (second != std::string_view::npos) v.mode = rest.substr(second + 1);
  return v;
}

namespace {

bool interpolated(std::string_view name) {
  return name.find('$') != std::string_view::npos;
}

void add(std::vector<ResourceUse>& out, const yaml::Node* name_node, std::string_view service) {
  auto name = scalar_text(name_node);
  if (!name || name->empty() || interpolated(*name)) return;
  out.push_back({*name, name_node->span, std::string(service)});
}

// `secrets:`/`configs:` lists: "name" or {source: name, ...}.
void add_list(std::vector<ResourceUse>& out, const yaml::Node* list, std::string_view service) {
  if (!list || !list->is_sequence()) return;
  for (const yaml::Node* item : list->items)
    add(out, item->is_mapping() ? item->get("source") : item, service);
}

}  // namespace

std::vector<ResourceUse> resource_uses(const ComposeFile& file, ComposeResource r) {
  std::vector<ResourceUse> out;
  for (const yaml::Pair* svc : file.services()) {
    std::string service = scalar_text(svc->key).value_or("");
    const yaml::Node& s = *svc->value;
    switch (r) {
      case ComposeResource::network:
        if (const yaml::Node* n = s.get("networks")) {
          if (n->is_sequence())
            for (const yaml::Node* item : n->items) add(out, item, service);
          else if (n->is_mapping())
            for (const yaml::Pair& p : n->pairs) add(out, p.key, service);
        }
        break;
      case ComposeResource::volume:
        if (const yaml::Node* v = s.get("volumes"); v && v->is_sequence()) {
          for (const yaml::Node* item : v->items) {
            if (item->is_mapping()) {
              std::string type = scalar_text(item->get("type")).value_or("volume");
              if (type == "volume") add(out, item->get("source"), service);
              continue;
            }
            auto text = scalar_text(item);
            if (!text) continue;
            ShortVolume sv = split_short_volume(*text);
            if (sv.source.empty() || is_host_source(sv.source) || interpolated(sv.source)) continue;
            out.push_back({sv.source, span_within_scalar(*item, 0, sv.source.size()), service});
          }
        }
        break;
      case ComposeResource::secret:
        add_list(out, s.get("secrets"), service);
        if (const yaml::Node* b = s.get("build"); b && b->is_mapping())
          add_list(out, b->get("secrets"), service);
        break;
      case ComposeResource::config:
        add_list(out, s.get("configs"), service);
        break;
    }
  }
  return out;
}

std::filesystem::path compose_dir(std::string_view doc_path) {
  const std::string file(doc_path);
  if (!consulted::is_regular_file(file)) return {};
  // Asked by several rules of every compose file: cut as strings, not path objects.
  std::error_code ec;
  const std::string dir =
      paths::is_normal(file)
          ? paths::parent_of(paths::absolute_normal(file, paths::working_directory()))
          : std::filesystem::absolute(file, ec).parent_path().string();
  // Only in a checkout (a .git up to 16 levels above): a compose file copied on its own says
  // nothing about the files that were beside it.
  std::string up = dir;
  for (int level = 0; level < 16 && !up.empty(); ++level) {
    if (consulted::exists(up == "/" ? "/.git" : up + "/.git")) return dir;
    std::string parent = paths::parent_of(up);
    if (parent == up) break;
    up = std::move(parent);
  }
  return {};
}

}  // namespace infralint
