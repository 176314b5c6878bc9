#include "model/dockerignore.hpp"

#include <fnmatch.h>

#include <filesystem>

#include "core/consulted.hpp"

namespace infralint {
namespace {

std::string clean(std::string_view p) {
  while (p.starts_with("./")) p.remove_prefix(2);
  while (p.starts_with('/')) p.remove_prefix(1);
  while (p.size() > 1 && p.ends_with('/')) p.remove_suffix(1);
  return std::string(p);
}

std::vector<std::string> segments(std::string_view p) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= p.size()) {
    std::size_t slash = p.find('/', pos);
    if (slash == std::string_view::npos) slash = p.size();
    if (slash > pos) out.emplace_back(p.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

// Whether the pattern's segments match a prefix of the path's segments (a matched directory
// covers what is under it).
bool match_prefix(const std::vector<std::string>& pat, std::size_t pi,
                  const std::vector<std::string>& path, std::size_t si) {
  if (pi == pat.size()) return si <= path.size() && si > 0;
  if (pat[pi] == "**") {
    for (std::size_t k = si; k <= path.size(); ++k)
      if (match_prefix(pat, pi + 1, path, k)) return true;
    return false;
  }
  if (si == path.size()) return false;
  if (fnmatch(pat[pi].c_str(), path[si].c_str(), 0) != 0) return false;
  return match_prefix(pat, pi + 1, path, si + 1);
}

}  // namespace

std::vector<IgnorePattern> parse_dockerignore(std::string_view text) {
  std::vector<IgnorePattern> out;
  std::size_t line = 0, pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view l = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line;
    while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    if (l.empty() || l.front() == '#') continue;
    IgnorePattern p;
    p.line = line;
    if (l.front() == '!') {
      p.exception = true;
      l.remove_prefix(1);
    }
    p.pattern = clean(l);
    if (!p.pattern.empty()) out.push_back(std::move(p));
  }
  return out;
}

std::optional<IgnorePattern> dockerignore_excludes(const std::vector<IgnorePattern>& patterns,
                                                   std::string_view path) {
  auto parts = segments(clean(path));
  if (parts.empty()) return std::nullopt;
  const IgnorePattern* last = nullptr;
  for (const IgnorePattern& p : patterns)
    if (match_prefix(segments(p.pattern), 0, parts, 0)) last = &p;
  if (!last || last->exception) return std::nullopt;
  return *last;
}

std::optional<std::string> read_dockerignore(const std::string& dockerfile_path,
                                             std::string& ignore_file) {
  namespace fs = std::filesystem;
  fs::path dockerfile(dockerfile_path);
  if (!consulted::is_regular_file(dockerfile)) return std::nullopt;
  for (fs::path candidate : {fs::path(dockerfile.string() + ".dockerignore"),
                             dockerfile.parent_path() / ".dockerignore"}) {
    if (!consulted::is_regular_file(candidate)) continue;
    ignore_file = candidate.string();
    return consulted::read_file(candidate).value_or("");
  }
  return std::nullopt;
}

}  // namespace infralint
