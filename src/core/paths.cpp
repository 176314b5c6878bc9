#include "core/paths.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace infralint::paths {

bool is_absolute_normal(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path == "/") return true;
  if (path.back() == '/') return false;
  for (std::size_t at = 1; at <= path.size();) {
    std::size_t slash = std::min(path.find('/', at), path.size());
    std::string_view part = path.substr(at, slash - at);
    if (part.empty() || part == "." || part == "..") return false;
    at = slash + 1;
  }
  return true;
}

std::string working_directory() {
  std::error_code ec;
  std::string cwd = fs::current_path(ec).string();
  return ec ? std::string() : cwd;
}

std::string absolute_normal(const std::string& path, const std::string& cwd) {
  if (is_absolute_normal(path)) return path;
  if (!path.empty() && path.front() != '/' && !cwd.empty()) {
    std::string joined = cwd + "/" + path;
    if (is_absolute_normal(joined)) return joined;
  }
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return (ec ? fs::path(path) : p).lexically_normal().string();
}

std::string parent_of(const std::string& path) {
  if (!is_absolute_normal(path)) return fs::path(path).parent_path().string();
  std::size_t slash = path.rfind('/');
  return path.substr(0, slash == 0 ? 1 : slash);
}

}  // namespace infralint::paths
