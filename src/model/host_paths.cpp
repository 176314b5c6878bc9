#include "model/host_paths.hpp"

#include <array>

namespace infralint {

std::string normalize_host_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path)
    if (c != '/' || out.empty() || out.back() != '/') out.push_back(c);
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

bool is_runtime_socket(std::string_view host_path) {
  std::string path = normalize_host_path(host_path);
  std::string_view name = path;
  if (auto slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  return name == "docker.sock" || name == "podman.sock" || name == "containerd.sock" ||
         name == "crio.sock";
}

std::optional<std::string_view> sensitive_host_directory(std::string_view host_path) {
  // The CIS Docker 5.6 / kube-linter list, plus the runtime state (/var/run, its target /run)
  // and root's home.
  static constexpr std::array<std::string_view, 10> kDirectories{
      "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr", "/var/run", "/run", "/root"};
  std::string path = normalize_host_path(host_path);
  if (path == "/") return "/";
  for (std::string_view dir : kDirectories) {
    if (path == dir || (path.starts_with(dir) && path[dir.size()] == '/')) return dir;
  }
  return std::nullopt;
}

}  // namespace infralint
