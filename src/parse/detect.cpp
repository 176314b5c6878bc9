#include "parse/detect.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace infralint {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view basename(std::string_view path) {
  auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_yaml_name(std::string_view name) {
  return ends_with(name, ".yml") || ends_with(name, ".yaml");
}

// True when a line at column 0 starts with `key:` (a top-level mapping key of a YAML document).
bool has_top_level_key(std::string_view text, std::string_view key) {
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    if (line.size() > key.size() && line.substr(0, key.size()) == key &&
        line[key.size()] == ':') {
      return true;
    }
    pos = eol + 1;
  }
  return false;
}

bool looks_like_nginx(std::string_view text) {
  for (std::string_view block : {"server {", "http {", "events {", "location ", "upstream "}) {
    if (text.find(block) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

Kind detect_kind_by_name(std::string_view path) {
  std::string name = lower(basename(path));
  if (ends_with(name, ".dockerignore")) return Kind::unknown;
  // Dockerfile, Dockerfile.alpine, Dockerfile-nginx, Dockerfile_alpine, api.Dockerfile.
  auto is_variant_of = [&](std::string_view base) {
    return name == base || (name.size() > base.size() && name.starts_with(base) &&
                            (name[base.size()] == '.' || name[base.size()] == '-' ||
                             name[base.size()] == '_'));
  };
  // ...but not the tool files that share the prefix (dockerfile-lint.json, Dockerfile.md).
  bool data_file = false;
  for (std::string_view ext : {".json", ".yml", ".yaml", ".md", ".txt", ".sh", ".toml", ".py"})
    data_file = data_file || ends_with(name, ext);
  if (!data_file && (is_variant_of("dockerfile") || is_variant_of("containerfile") ||
                     ends_with(name, ".dockerfile") || ends_with(name, ".containerfile"))) {
    return Kind::dockerfile;
  }
  if (name == "railway.toml" || name == "railway.json") return Kind::railway;
  if (is_yaml_name(name) &&
      (name.starts_with("docker-compose") || name.starts_with("compose."))) {
    return Kind::compose;
  }
  if (name == "nginx.conf") return Kind::nginx;
  return Kind::unknown;
}

bool needs_content_detection(std::string_view path) {
  std::string name = lower(basename(path));
  return is_yaml_name(name) || ends_with(name, ".conf");
}

Kind detect_kind(std::string_view path, std::string_view text) {
  Kind by_name = detect_kind_by_name(path);
  if (by_name != Kind::unknown) return by_name;
  std::string name = lower(basename(path));
  if (is_yaml_name(name)) {
    if (has_top_level_key(text, "apiVersion") && has_top_level_key(text, "kind")) {
      return Kind::kubernetes;
    }
    if (has_top_level_key(text, "services")) return Kind::compose;
    if (has_top_level_key(text, "scrape_configs") ||
        (name.starts_with("prometheus") && has_top_level_key(text, "global"))) {
      return Kind::prometheus_config;
    }
    if (has_top_level_key(text, "groups") && text.find("rules:") != std::string_view::npos) {
      return Kind::prometheus_rules;
    }
    return Kind::unknown;
  }
  if (ends_with(name, ".conf") && looks_like_nginx(text)) return Kind::nginx;
  return Kind::unknown;
}

}  // namespace infralint
