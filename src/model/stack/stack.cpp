#include "model/stack/stack.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

#include "core/consulted.hpp"
#include "core/paths.hpp"
#include "core/spelling.hpp"
#include "model/stack/kubernetes_links.hpp"
#include "model/stack/prometheus_links.hpp"
#include "model/stack/runtime_links.hpp"

namespace infralint::stack {
namespace fs = std::filesystem;

std::string_view to_string(EdgeKind k) {
  switch (k) {
    case EdgeKind::proxy: return "proxy";
    case EdgeKind::build: return "build";
    case EdgeKind::railway_build: return "railway-build";
    case EdgeKind::rule_file: return "rule-file";
    case EdgeKind::scrape_target: return "scrape-target";
    case EdgeKind::alert_job: return "alert-job";
    case EdgeKind::selects: return "selects";
    case EdgeKind::routes: return "routes";
    case EdgeKind::scales: return "scales";
    case EdgeKind::protects: return "protects";
    case EdgeKind::references: return "references";
    case EdgeKind::health: return "health";
    case EdgeKind::same_image: return "same-image";
    case EdgeKind::compose_file: return "compose-file";
    case EdgeKind::depends_on: return "depends-on";
    case EdgeKind::recorded_by: return "recorded-by";
  }
  return "edge";
}

std::string Stack::place(const End& end) const {
  const Document& doc = *documents[end.doc].doc;
  return fmt::format("{}:{}", doc.path(), doc.lines().position(end.span.begin).line);
}

namespace {

// A service other files may name: a compose service or a Kubernetes Service.
struct ServiceTarget {
  End end;
  std::string ns;  // Kubernetes namespace (empty: unspecified)
  bool kubernetes = false;
  const ComposeService* compose = nullptr;
  std::vector<std::string> ports;
  bool ports_known = false;
  std::string ports_source;
};

struct ScopeIndex {
  std::unordered_map<std::string, std::vector<ServiceTarget>> services;  // by name
  std::vector<std::string> service_names;
  std::unordered_map<std::string, End> jobs;  // by job name
  std::vector<std::string> job_names;
  std::unordered_set<std::string> upstream_names;  // nginx upstream blocks
};

bool is_ip_or_local(std::string_view host) {
  if (host == "localhost" || host.find(':') != std::string_view::npos) return true;
  return std::all_of(host.begin(), host.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::string parent_dir(const std::string& fs_path, const std::string& cwd) {
  return paths::parent_of(paths::absolute_normal(fs_path, cwd));
}

// The nearest directory at or above `dir` holding `.git`; empty when none (16 levels at most).
// Every directory passed on the way up is remembered with the answer it shares, so sibling
// directories ask the file system once between them.
std::string repository_of(const std::string& dir,
                          std::unordered_map<std::string, std::string>& cache) {
  if (auto it = cache.find(dir); it != cache.end()) return it->second;
  std::vector<std::string> passed;
  std::string up = dir;
  std::string found;
  bool settled = false;  // the answer holds for every directory passed, not only for `dir`
  for (int level = 0; level < 16 && !up.empty(); ++level) {
    if (auto it = cache.find(up); it != cache.end()) {  // an ancestor's answer is ours
      found = it->second;
      settled = true;
      break;
    }
    if (consulted::exists(up == "/" ? "/.git" : up + "/.git")) {
      found = up;
      settled = true;
      break;
    }
    std::string parent = paths::parent_of(up);
    passed.push_back(std::move(up));
    if (parent == passed.back()) {
      settled = true;  // the root: nothing above
      break;
    }
    up = std::move(parent);
  }
  if (settled)
    for (std::string& d : passed) cache.emplace(std::move(d), found);
  cache.emplace(dir, found);
  return found;
}

std::string common_directory(const std::vector<std::string>& dirs) {
  if (dirs.empty()) return {};
  std::string common = dirs.front();
  for (const std::string& d : dirs) {
    std::size_t n = 0;
    while (n < common.size() && n < d.size() && common[n] == d[n]) ++n;
    if (n == d.size() && n < common.size() && common[n] == '/') {
      common = d;  // d is an ancestor of common
      continue;
    }
    if (!(n == common.size() && (n == d.size() || d[n] == '/'))) {
      // cut back to the last whole component
      while (n > 0 && common[n - 1] != '/') --n;
      common.resize(n > 1 ? n - 1 : n);
    }
  }
  return common;
}

bool is_remote_context(std::string_view context) {
  return context.find("://") != std::string_view::npos || context.starts_with("git@") ||
         context.starts_with("github.com/");
}

std::string canonical_path(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return (ec ? p.lexically_normal() : c).string();
}

// canonical_path, with each directory resolved once: realpath asks the file system about every
// component of every file's path (a tenth of a 10 000-file run). A file that is itself a link
// is resolved whole.
class CanonicalPaths {
 public:
  // `not_a_link`: discovery saw that `p` itself is no link, so it need not be asked again.
  std::string operator()(const fs::path& p, bool not_a_link = false) {
    // A normal path (what discovery gives) is cut as a string; path objects cost more than the
    // answer remembered for the directory.
    const std::string& text = p.native();
    if (!paths::is_normal(text))
      return resolve(p.parent_path().string(), p.filename().string(), p, not_a_link);
    std::size_t slash = text.rfind('/');
    if (slash == std::string::npos) return resolve("", text, p, not_a_link);
    return resolve(text.substr(0, slash == 0 ? 1 : slash), text.substr(slash + 1), p, not_a_link);
  }

 private:
  std::string resolve(const std::string& dir, const std::string& name, const fs::path& p,
                      bool not_a_link) {
    std::error_code ec;
    if (name.empty() || name == "." || name == ".." ||
        (!not_a_link && fs::is_symlink(fs::symlink_status(p, ec))))
      return canonical_path(p);
    auto [it, inserted] = dirs_.try_emplace(dir);
    if (inserted) {
      auto resolved = paths::canonical_directory(dir);
      it->second = resolved ? *resolved : canonical_path(fs::path(dir.empty() ? "." : dir));
    }
    return it->second.ends_with('/') ? it->second + name : it->second + "/" + name;
  }

  std::unordered_map<std::string, std::string> dirs_;
};

// Files of `dir` whose names look like Dockerfiles, to suggest one.
std::vector<std::string> dockerfiles_in(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.find("ockerfile") != std::string::npos || name.ends_with(".dockerfile"))
      out.push_back(name);
    if (out.size() > 64) break;
  }
  std::sort(out.begin(), out.end());
  return out;
}


class Builder {
 public:
  explicit Builder(Stack& stack) : s_(stack) {}

  void run() {
    compute_scopes();
    link_builds();
    index_services();
    index_jobs();
    link_hosts();
    link_rule_files();
    link_alert_jobs();
    link_depends_on();
    link_kubernetes(s_);
    link_runtime(s_);
    link_recording_rules(s_);
    link_jobless_metrics(s_);
  }

 private:
  Stack& s_;
  std::vector<bool> in_checkout_;
  std::vector<std::string> dirs_;
  std::unordered_map<std::string, ScopeIndex> scopes_;
  std::unordered_map<std::string, std::size_t> by_path_;  // canonical path → document
  mutable CanonicalPaths canonical_;
  // compose (doc, service index) → the Dockerfile document it builds, when in the run
  std::unordered_map<const ComposeService*, std::size_t> built_from_;

  void compute_scopes() {
    std::unordered_map<std::string, std::string> cache;
    std::vector<std::string> on_disk;
    std::string cwd = paths::working_directory();
    dirs_.resize(s_.documents.size());
    for (std::size_t i = 0; i < s_.documents.size(); ++i)
      if (!s_.documents[i].fs_path.empty()) {
        dirs_[i] = parent_dir(s_.documents[i].fs_path, cwd);
        on_disk.push_back(dirs_[i]);
      }
    std::string common = common_directory(on_disk);
    s_.scopes.resize(s_.documents.size());
    in_checkout_.assign(s_.documents.size(), false);
    for (std::size_t i = 0; i < s_.documents.size(); ++i) {
      if (dirs_[i].empty()) {
        s_.scopes[i] = "<stdin>";
        continue;
      }
      std::string repo = repository_of(dirs_[i], cache);
      in_checkout_[i] = !repo.empty();
      if (repo.empty())
        s_.scopes[i] = dirs_[i];
      else
        s_.scopes[i] = repo.size() >= common.size() ? repo : common;
      by_path_.emplace(canonical_(s_.documents[i].fs_path, s_.documents[i].not_a_link), i);
    }
  }

  std::optional<std::size_t> document_at(const fs::path& p) const {
    auto it = by_path_.find(canonical_(p));
    if (it == by_path_.end()) return std::nullopt;
    return it->second;
  }

  // A file named relative to document `from`: its edge, to a document of the run, to a file
  // outside the run (no `to`, no problem), or broken.
  void link_file(EdgeKind kind, std::size_t from, Span span, const fs::path& dir,
                 const std::string& relative, std::string name, std::string directive) {
    Edge e;
    e.kind = kind;
    e.from = {from, span, kind == EdgeKind::build ? directive : s_.path(from)};
    e.name = std::move(name);
    e.directive = std::move(directive);
    fs::path target = fs::path(relative).is_absolute() ? fs::path(relative) : dir / relative;
    std::error_code ec;
    if (auto doc = document_at(target)) {
      e.to = End{*doc, {0, 0}, s_.path(*doc)};
    } else if (!fs::is_regular_file(target, ec)) {
      e.problem = Problem::missing_file;
      if (kind == EdgeKind::build || kind == EdgeKind::railway_build) e.suggestion = suggest_name(target.filename().string(),
                                                              dockerfiles_in(target.parent_path()));
    }
    s_.edges.push_back(std::move(e));
  }

  void link_builds() {
    for (std::size_t i = 0; i < s_.documents.size(); ++i) {
      if (!in_checkout_[i]) continue;  // a file copied on its own says nothing of its neighbours
      fs::path dir(dirs_[i]);
      for (const ComposeService& svc : s_.documents[i].facts.compose_services) {
        if (!svc.builds || svc.interpolated_build || is_remote_context(svc.build_context)) continue;
        fs::path context = dir / svc.build_context;
        link_file(EdgeKind::build, i, svc.build_span, context, svc.dockerfile,
                  (fs::path(svc.build_context) / svc.dockerfile).lexically_normal().string(),
                  fmt::format("compose service `{}`", svc.name));
        if (s_.edges.back().to) built_from_[&svc] = s_.edges.back().to->doc;
      }
      for (const NamedRef& ref : s_.documents[i].facts.railway_dockerfiles)
        link_file(EdgeKind::railway_build, i, ref.span, dir, ref.name, ref.name,
                  "build.dockerfilePath");
      for (const NamedRef& ref : s_.documents[i].facts.compose_files)
        link_file(EdgeKind::compose_file, i, ref.span, dir, ref.name, ref.name, ref.owner);
    }
  }

  void index_services() {
    for (std::size_t i = 0; i < s_.documents.size(); ++i) {
      ScopeIndex& scope = scopes_[s_.scopes[i]];
      for (const ComposeService& svc : s_.documents[i].facts.compose_services) {
        ServiceTarget t;
        t.end = {i, svc.name_span, fmt::format("compose service `{}`", svc.name)};
        t.compose = &svc;
        t.ports = svc.container_ports;
        t.ports_known = svc.ports_complete && !svc.container_ports.empty();
        t.ports_source = "publishes or exposes";
        if (t.ports.empty() && svc.ports_complete)
          if (auto it = built_from_.find(&svc); it != built_from_.end()) {
            t.ports = s_.documents[it->second].facts.exposed_ports;
            t.ports_known = !t.ports.empty();
            t.ports_source = fmt::format("is built from {}, which EXPOSEs", s_.path(it->second));
          }
        add_service(scope, svc.name, std::move(t));
      }
      for (const KubeService& svc : s_.documents[i].facts.kube_services) {
        ServiceTarget t;
        t.end = {i, svc.name_span, fmt::format("Service `{}`", svc.name)};
        t.ns = svc.ns;
        t.kubernetes = true;
        t.ports = svc.ports;
        t.ports_known = !svc.ports.empty();
        t.ports_source = "has Service ports";
        add_service(scope, svc.name, std::move(t));
      }
    }
  }

  static void add_service(ScopeIndex& scope, const std::string& name, ServiceTarget t) {
    auto& list = scope.services[name];
    if (list.empty()) scope.service_names.push_back(name);
    list.push_back(std::move(t));
  }

  void index_jobs() {
    for (std::size_t i = 0; i < s_.documents.size(); ++i) {
      ScopeIndex& scope = scopes_[s_.scopes[i]];
      for (const NamedRef& job : s_.documents[i].facts.scrape_jobs)
        if (scope.jobs.emplace(job.name, End{i, job.span, fmt::format("scrape job `{}`", job.name)})
                .second)
          scope.job_names.push_back(job.name);
    }
  }

  // The services a host names: `name`, or for Kubernetes `name.ns[.svc[.cluster.local]]`.
  // Sets `judged` when the host is a name only the stack can resolve (not an IP, not a
  // domain of the outside world).
  std::vector<const ServiceTarget*> resolve(const ScopeIndex& scope, const std::string& host,
                                            bool& judged, std::string& name) const {
    std::vector<const ServiceTarget*> out;
    judged = false;
    name = host;
    if (is_ip_or_local(host)) return out;
    auto dot = host.find('.');
    std::string ns;
    if (dot != std::string::npos) {
      name = host.substr(0, dot);
      std::string rest = host.substr(dot + 1);
      auto svc = rest.find(".svc");
      bool service_form = svc != std::string::npos &&
                          (rest.ends_with(".svc") || rest.ends_with(".svc.cluster.local"));
      ns = service_form ? rest.substr(0, svc) : rest;
      if (ns.find('.') != std::string::npos) return out;  // a domain of the outside world
      judged = service_form;
    } else {
      judged = true;
    }
    auto it = scope.services.find(name);
    if (it == scope.services.end()) return out;
    for (const ServiceTarget& t : it->second) {
      if (dot != std::string::npos && (!t.kubernetes || (!t.ns.empty() && t.ns != ns))) continue;
      out.push_back(&t);
    }
    if (!out.empty()) judged = true;
    return out;
  }

  void link_host(std::size_t doc, EdgeKind kind, const Endpoint& target, bool default_port,
                 std::string directive, std::string from_label = {}) {
    const ScopeIndex& scope = scopes_[s_.scopes[doc]];
    bool judged = false;
    std::string name;
    auto found = resolve(scope, target.host, judged, name);
    if (!judged) return;
    Edge e;
    e.kind = kind;
    e.from = {doc, target.span, kind == EdgeKind::proxy ? s_.path(doc) : from_label};
    e.name = target.host;
    e.port = target.port;
    e.default_port = default_port;
    e.directive = std::move(directive);
    if (found.empty()) {
      if (scope.services.empty()) return;  // nothing in the run this could be: not judged
      e.problem = Problem::unknown_host;
      e.suggestion = suggest_name(name, scope.service_names);
      if (!e.suggestion.empty()) e.suggestion_at = scope.services.at(e.suggestion).front().end;
      s_.edges.push_back(std::move(e));
      return;
    }
    const ServiceTarget* listening = nullptr;
    const ServiceTarget* known = nullptr;
    for (const ServiceTarget* t : found) {
      if (!t->ports_known || target.port.empty() ||
          std::find(t->ports.begin(), t->ports.end(), target.port) != t->ports.end()) {
        listening = t;
        break;
      }
      if (!known) known = t;
    }
    const ServiceTarget* to = listening ? listening : known;
    e.to = to->end;
    if (!listening) {
      e.problem = Problem::port_closed;
      e.target_ports = to->ports;
      e.ports_source = to->ports_source;
      e.from.span = target.port_span;
    }
    s_.edges.push_back(std::move(e));
  }

  void link_hosts() {
    for (std::size_t i = 0; i < s_.documents.size(); ++i)
      for (const std::string& name : s_.documents[i].facts.upstream_names)
        scopes_[s_.scopes[i]].upstream_names.insert(name);
    for (std::size_t i = 0; i < s_.documents.size(); ++i) {
      const DocumentFacts& f = s_.documents[i].facts;
      for (const NginxUpstream& u : f.upstreams)
        for (const Endpoint& server : u.servers) {
          std::size_t before = s_.edges.size();
          link_host(i, EdgeKind::proxy, server, false, fmt::format("upstream `{}` server", u.name));
          if (s_.edges.size() > before && u.keepalive) s_.edges.back().keepalive = u.keepalive_span;
        }
      const auto& upstreams = scopes_[s_.scopes[i]].upstream_names;
      for (const NginxPass& p : f.passes)
        if (!upstreams.count(p.target.host))
          link_host(i, EdgeKind::proxy, p.target, p.default_port, p.directive);
      for (const ScrapeTarget& t : f.scrape_targets)
        link_host(i, EdgeKind::scrape_target, t.target, false,
                  fmt::format("scrape job `{}` target", t.job), fmt::format("scrape job `{}`", t.job));
    }
  }

  void link_rule_files() {
    for (std::size_t i = 0; i < s_.documents.size(); ++i) {
      if (!in_checkout_[i]) continue;
      fs::path dir(dirs_[i]);
      for (const NamedRef& ref : s_.documents[i].facts.rule_files) {
        fs::path pattern = fs::path(ref.name).is_absolute() ? fs::path(ref.name) : dir / ref.name;
        bool glob = ref.name.find_first_of("*?[") != std::string::npos;
        if (!glob) {
          link_file(EdgeKind::rule_file, i, ref.span, dir, ref.name, ref.name, "rule_files");
          continue;
        }
        // Globs in the file name only (the common case); a glob in a directory is not judged.
        std::string parent = pattern.parent_path().string();
        if (parent.find_first_of("*?[") != std::string::npos) continue;
        std::string leaf = pattern.filename().string();
        std::vector<fs::path> matches;
        std::error_code ec;
        for (fs::directory_iterator it(pattern.parent_path(), ec), end; !ec && it != end;
             it.increment(ec))
          if (fnmatch(leaf.c_str(), it->path().filename().c_str(), FNM_PERIOD) == 0 &&
              it->is_regular_file(ec))
            matches.push_back(it->path());
        std::sort(matches.begin(), matches.end());
        if (matches.empty()) {
          Edge e;
          e.kind = EdgeKind::rule_file;
          e.problem = Problem::missing_file;
          e.from = {i, ref.span, s_.path(i)};
          e.name = ref.name;
          e.directive = "rule_files";
          s_.edges.push_back(std::move(e));
        }
        for (const fs::path& m : matches)
          link_file(EdgeKind::rule_file, i, ref.span, dir, m.string(), ref.name, "rule_files");
      }
    }
  }

  void link_alert_jobs() {
    for (std::size_t i = 0; i < s_.documents.size(); ++i) {
      const ScopeIndex& scope = scopes_[s_.scopes[i]];
      if (scope.jobs.empty()) continue;  // no prometheus.yml alongside: not judged
      for (const NamedRef& ref : s_.documents[i].facts.job_selectors) {
        Edge e;
        e.kind = EdgeKind::alert_job;
        e.from = {i, ref.span, fmt::format("rule `{}`", ref.owner)};
        e.name = ref.name;
        e.directive = ref.owner;
        if (auto it = scope.jobs.find(ref.name); it != scope.jobs.end()) {
          e.to = it->second;
        } else {
          e.problem = Problem::unknown_job;
          e.suggestion = suggest_name(ref.name, scope.job_names);
          if (!e.suggestion.empty()) e.suggestion_at = scope.jobs.at(e.suggestion);
        }
        s_.edges.push_back(std::move(e));
      }
    }
  }
  // depends_on → the service of the same file, or of a file it includes (that file's service
  // wins nothing: compose refuses duplicates). Unresolved names are compose rules' business.
  void link_depends_on() {
    std::unordered_map<std::size_t, std::vector<std::size_t>> includes;
    for (const Edge& e : s_.edges)
      if (e.kind == EdgeKind::compose_file && e.to && e.directive == "include")
        includes[e.from.doc].push_back(e.to->doc);
    for (std::size_t i = 0; i < s_.documents.size(); ++i)
      for (const ComposeService& svc : s_.documents[i].facts.compose_services)
        for (const NamedRef& dep : svc.depends_on) {
          std::vector<std::size_t> where{i};
          if (auto it = includes.find(i); it != includes.end())
            where.insert(where.end(), it->second.begin(), it->second.end());
          for (std::size_t doc : where) {
            const auto& services = s_.documents[doc].facts.compose_services;
            auto target = std::find_if(services.begin(), services.end(),
                                       [&](const ComposeService& c) { return c.name == dep.name; });
            if (target == services.end()) continue;
            Edge e;
            e.kind = EdgeKind::depends_on;
            e.from = {i, dep.span, fmt::format("compose service `{}`", svc.name)};
            e.to = End{doc, target->name_span, fmt::format("compose service `{}`", target->name)};
            e.name = dep.name;
            e.directive = "depends_on";
            s_.edges.push_back(std::move(e));
            break;
          }
        }
  }
};

}  // namespace

std::string suggest_name(std::string_view name, const std::vector<std::string>& candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  auto best = closest_spelling(name, views, name.size() > 4 ? 3 : 2);
  return best ? std::string(*best) : std::string();
}

Stack build_stack(std::vector<StackDocument> documents) {
  Stack stack;
  stack.documents = std::move(documents);
  Builder(stack).run();
  return stack;
}

}  // namespace infralint::stack
