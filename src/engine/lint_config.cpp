#include "engine/lint_config.hpp"

#include <filesystem>

namespace infralint {
namespace {

bool match_here(std::string_view g, std::string_view p) {
  while (!g.empty()) {
    if (g.starts_with("**")) {
      g.remove_prefix(2);
      bool slash = g.starts_with('/');
      if (slash) g.remove_prefix(1);
      // `**/` may match nothing, or any run of whole segments.
      for (std::size_t i = 0; i <= p.size(); ++i)
        if ((i == 0 || !slash || p[i - 1] == '/') && match_here(g, p.substr(i))) return true;
      return false;
    }
    if (g.front() == '*') {
      g.remove_prefix(1);
      for (std::size_t i = 0; i <= p.size(); ++i) {
        if (match_here(g, p.substr(i))) return true;
        if (i < p.size() && p[i] == '/') return false;
      }
      return false;
    }
    if (p.empty()) return false;
    if (g.front() == '?' ? p.front() == '/' : g.front() != p.front()) return false;
    g.remove_prefix(1);
    p.remove_prefix(1);
  }
  return p.empty();
}

}  // namespace

bool glob_matches(std::string_view glob, std::string_view path) {
  if (glob.starts_with("./")) glob.remove_prefix(2);
  if (path.starts_with("./")) path.remove_prefix(2);
  if (glob.ends_with('/')) {  // a directory: everything under it
    std::string dir(glob);
    return match_here(dir + "**", path);
  }
  if (glob.find('/') == std::string_view::npos) {
    auto slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    return match_here(glob, name) || match_here(glob, path);
  }
  return match_here(glob, path) || match_here(std::string(glob) + "/**", path);
}

const RuleOptions& LintConfig::options_for(std::string_view rule_id) const {
  auto it = rule_options.find(rule_id);
  return it == rule_options.end() ? RuleOptions::none() : it->second;
}

void LintConfig::adjust(const std::string& path, std::vector<Finding>& findings) const {
  if (severities.empty() && path_ignores.empty()) return;
  auto meta_of = [](std::string_view id) -> const RuleMeta* {
    const Rule* r = Registry::instance().find(id);
    return r ? &r->meta() : nullptr;
  };
  if (!severities.empty()) {
    for (Finding& f : findings) {
      const RuleMeta* m = meta_of(f.rule_id);
      if (!m) continue;
      for (const SeverityOverride& o : severities)
        if (selector_matches(o.selector, *m)) f.severity = o.severity;
    }
  }
  if (path_ignores.empty()) return;
  std::error_code ec;
  namespace fs = std::filesystem;
  fs::path absolute = fs::absolute(path, ec).lexically_normal();
  std::vector<const PathIgnore*> matching;
  for (const PathIgnore& ignore : path_ignores) {
    std::string relative =
        ignore.base.empty() ? path : absolute.lexically_relative(ignore.base).generic_string();
    if (relative.empty() || relative.starts_with("..")) continue;  // outside its directory
    if (glob_matches(ignore.glob, relative)) matching.push_back(&ignore);
  }
  if (matching.empty()) return;
  std::erase_if(findings, [&](const Finding& f) {
    if (f.rule_id == "meta/syntax-error") return false;  // a broken file is never hidden
    const RuleMeta* m = meta_of(f.rule_id);
    if (!m) return false;
    for (const PathIgnore* ignore : matching)
      for (const std::string& s : ignore->selectors)
        if (selector_matches(s, *m)) return true;
    return false;
  });
}

}  // namespace infralint
