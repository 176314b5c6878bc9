#include "model/railway_split.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/consulted.hpp"

namespace infralint::railway {
namespace {

namespace fs = std::filesystem;

// Every `[header]` / `[[header]]` in the tree, with whether it opens a `services` table.
void collect_headers(const toml::Node& node, bool in_services,
                     std::vector<std::pair<std::size_t, bool>>& out, int depth = 0) {
  if (depth > 64) return;
  if (node.header && !node.is_array()) out.push_back({node.span.begin, in_services});
  for (const toml::Entry& e : node.entries) collect_headers(*e.value, in_services, out, depth + 1);
  for (const toml::Node* item : node.items) collect_headers(*item, in_services, out, depth + 1);
}

struct ServiceFile {
  std::string name;
  std::string path;  // relative to the config's directory
  std::string text;
};

std::string string_or(const toml::Node* table, std::string_view key, std::string fallback) {
  const toml::Node* v = table && table->is_table() ? table->get(key) : nullptr;
  return v && v->type == toml::Type::string ? v->text : fallback;
}

// The settings of one `[[services]]` item that Railway's schema has, as written.
std::string service_config(const Document& doc, const toml::Node& service, std::string_view name,
                           std::string_view from) {
  std::vector<std::string> build, deploy, dropped, variables;
  auto carry = [&](std::string_view section, const toml::Entry& e, std::string_view as) {
    auto& lines = section == "build" ? build : deploy;
    lines.push_back(fmt::format("{} = {}", as, doc.slice(e.value->span)));
  };
  for (const toml::Entry& e : service.entries) {
    if (e.key == "name" || e.key == "source") continue;
    if ((e.key == "build" || e.key == "deploy") && e.value->is_table()) {
      for (const toml::Entry& inner : e.value->entries) {
        if (find_key(e.key, inner.key) && !inner.value->is_table() && !inner.value->header)
          carry(e.key, inner, inner.key);
        else
          dropped.push_back(fmt::format("{}.{}", e.key, inner.key));
      }
    } else if (e.key == "healthcheck" && e.value->is_table()) {
      for (const toml::Entry& inner : e.value->entries) {
        if (inner.key == "path")
          carry("deploy", inner, "healthcheckPath");
        else if (inner.key == "timeout")
          carry("deploy", inner, "healthcheckTimeout");
        else
          dropped.push_back(fmt::format("healthcheck.{}", inner.key));
      }
    } else if (e.key == "variables" && e.value->is_table()) {
      for (const toml::Entry& v : e.value->entries) variables.push_back(v.key);
    } else if (find_key("deploy", e.key) && !e.value->is_table()) {
      carry("deploy", e, e.key);
    } else if (find_key("build", e.key) && !e.value->is_table()) {
      carry("build", e, e.key);
    } else {
      dropped.push_back(e.key);
    }
  }
  std::string out = fmt::format(
      "# Railway config of service `{}`, split from {} by `infralint fix`.\n"
      "# Select it in the service's settings: \"Railway Config File\" = this file's path\n"
      "# from the repository root.\n",
      name, from);
  if (!variables.empty())
    out += fmt::format("# Variables to set in Railway (a config file cannot hold them): {}\n",
                       fmt::join(variables, ", "));
  if (!dropped.empty())
    out += fmt::format("# Not carried over (no Railway config equivalent): {}\n",
                       fmt::join(dropped, ", "));
  if (!build.empty()) out += fmt::format("\n[build]\n{}\n", fmt::join(build, "\n"));
  if (!deploy.empty()) out += fmt::format("\n[deploy]\n{}\n", fmt::join(deploy, "\n"));
  return out;
}

}  // namespace

std::optional<Fix> split_services(const Document& doc, const Config& config) {
  const toml::Node* root = config.tree->root;
  const toml::Node* services = root->is_table() ? root->get("services") : nullptr;
  if (config.json() || !services || !services->is_array() || !services->header) return std::nullopt;
  fs::path self(doc.path());
  if (!consulted::is_regular_file(self)) return std::nullopt;
  fs::path dir = self.parent_path();
  std::string from = fmt::format("../{}", self.filename().string());

  std::vector<ServiceFile> files;
  std::vector<std::string> skipped;
  for (const toml::Node* service : services->items) {
    if (!service->is_table() || !service->header) return std::nullopt;
    std::string name = string_or(service, "name", "?");
    std::string source = string_or(service, "source", "");
    while (source.ends_with('/')) source.pop_back();
    while (source.starts_with("./")) source.erase(0, 2);
    if (source.empty() || source.starts_with('/') || source.find("..") != std::string::npos) {
      skipped.push_back(fmt::format("{} (no source directory)", name));
      continue;
    }
    fs::path target = dir / source;
    if (!consulted::is_directory(target)) {
      skipped.push_back(fmt::format("{} ({}/ does not exist)", name, source));
      continue;
    }
    if (consulted::exists(target / "railway.toml") || consulted::exists(target / "railway.json")) {
      skipped.push_back(fmt::format("{} ({}/ already has a Railway config)", name, source));
      continue;
    }
    if (std::any_of(files.begin(), files.end(),
                    [&](const ServiceFile& f) { return f.path == source + "/railway.toml"; })) {
      skipped.push_back(fmt::format("{} (shares {}/ with another service)", name, source));
      continue;
    }
    files.push_back({name, source + "/railway.toml", service_config(doc, *service, name, from)});
  }
  if (files.empty()) return std::nullopt;

  // Comment out every line from a services header to the next other header.
  std::vector<std::pair<std::size_t, bool>> headers;
  for (const toml::Entry& e : root->entries)
    collect_headers(*e.value, e.key == "services", headers);
  std::sort(headers.begin(), headers.end());
  headers.erase(std::unique(headers.begin(), headers.end()), headers.end());

  std::string_view text = doc.text();
  Fix fix;
  fix.title = "Split [[services]] into one railway.toml per service";
  fix.applicability = Applicability::unsafe;
  std::vector<std::string> moved;
  for (const ServiceFile& f : files) moved.push_back(fmt::format("{} -> {}", f.name, f.path));
  std::string note = fmt::format(
      "# infralint: Railway reads no [[services]]; split into {}{}. Commented out below.\n",
      fmt::join(moved, ", "),
      skipped.empty() ? std::string() : fmt::format("; not split: {}", fmt::join(skipped, ", ")));
  bool first = true;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (!headers[i].second) continue;
    std::size_t end = i + 1 < headers.size() ? headers[i + 1].first : text.size();
    for (std::size_t line = headers[i].first; line < end;) {
      std::size_t eol = text.find('\n', line);
      std::size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
      std::string_view content = text.substr(line, next - line);
      auto first_char = content.find_first_not_of(" \t\r\n");
      bool blank_or_comment = first_char == std::string_view::npos || content[first_char] == '#';
      if (first) {
        fix.edits.push_back({{line, line}, note + "# "});
        first = false;
      } else if (!blank_or_comment) {
        fix.edits.push_back({{line, line}, "# "});
      }
      line = next;
    }
  }
  for (ServiceFile& f : files) fix.new_files.push_back({f.path, std::move(f.text)});
  return fix;
}

}  // namespace infralint::railway
