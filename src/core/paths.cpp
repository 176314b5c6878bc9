#include "core/paths.hpp"

#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace infralint::paths {

namespace {

// Every component of `path` from `at` on is a real name (not empty, `.` or `..`).
bool names_only(std::string_view path, std::size_t at) {
  while (at <= path.size()) {
    std::size_t slash = std::min(path.find('/', at), path.size());
    std::string_view part = path.substr(at, slash - at);
    if (part.empty() || part == "." || part == "..") return false;
    at = slash + 1;
  }
  return true;
}

}  // namespace

bool is_absolute_normal(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path == "/") return true;
  return path.back() != '/' && names_only(path, 1);
}

bool is_normal(std::string_view path) {
  if (path.empty()) return false;
  if (path.front() == '/') return is_absolute_normal(path);
  return path.back() != '/' && names_only(path, 0);
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
  if (!is_normal(path)) return fs::path(path).parent_path().string();
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";  // a bare name: no directory part
  return path.substr(0, slash == 0 ? 1 : slash);
}

std::optional<std::string> canonical_directory(const std::string& directory) {
  int fd = ::open(directory.empty() ? "." : directory.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  char target[PATH_MAX];
  std::string link = "/proc/self/fd/" + std::to_string(fd);
  ssize_t size = ::readlink(link.c_str(), target, sizeof target);
  ::close(fd);
  if (size <= 0 || static_cast<std::size_t>(size) >= sizeof target || target[0] != '/')
    return std::nullopt;
  std::string out(target, static_cast<std::size_t>(size));
  if (out.ends_with(" (deleted)")) return std::nullopt;  // removed meanwhile
  return out;
}

}  // namespace infralint::paths
