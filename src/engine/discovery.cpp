#include "engine/discovery.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <system_error>

#include "core/paths.hpp"
#include "engine/libgit.hpp"
#include "parse/detect.hpp"

namespace fs = std::filesystem;

namespace infralint {
namespace {

constexpr std::size_t kMaxDepth = 64;  // deeper trees are symlink tricks or generated junk

bool is_skipped_directory(const std::string& name) {
  return name == ".git" || name == "node_modules" || name == "vendor";
}

// Answers "does the enclosing repository's .gitignore ignore this path?" with libgit2, so the
// real rules (negations, nested .gitignore files, info/exclude) apply. libgit2 is loaded on the
// first question only (engine/libgit.hpp): a run on named files never needs it, nor a walk
// outside any work tree.
class GitIgnore {
 public:
  GitIgnore() = default;
  ~GitIgnore() {
    for (auto& [dir, repo] : repos_)
      if (repo) libgit()->repository_free(repo);  // a repository opened means libgit2 loaded
  }
  GitIgnore(const GitIgnore&) = delete;
  GitIgnore& operator=(const GitIgnore&) = delete;

  bool ignored(const fs::path& root, const fs::path& path) {
    git_repository* repo = repository_for(root);
    if (!repo) return false;
    const char* workdir = libgit()->repository_workdir(repo);
    if (!workdir) return false;
    std::error_code ec;
    // Normalised: libgit2 takes `./x` (walking `.`) for a hidden path and calls it ignored.
    fs::path absolute = fs::absolute(path, ec).lexically_normal();
    fs::path relative = absolute.lexically_relative(fs::path(workdir).lexically_normal());
    std::string rel = relative.generic_string();
    if (rel.empty() || rel.starts_with("..")) return false;
    int is_ignored = 0;
    if (libgit()->ignore_path_is_ignored(&is_ignored, repo, rel.c_str()) != 0) return false;
    return is_ignored == 1;
  }

 private:
  git_repository* repository_for(const fs::path& root) {
    std::string key = root.string();
    auto it = repos_.find(key);
    if (it != repos_.end()) return it->second;
    git_repository* repo = nullptr;
    std::error_code ec;
    fs::path start = fs::absolute(root, ec).lexically_normal();
    // Loading libgit2 costs 17 ms (its TLS set-up parses every CA certificate): ask it only
    // when a work tree can enclose the walk.
    const LibGit* git = in_work_tree(start) ? libgit() : nullptr;
    if (!git || git->repository_open_ext(&repo, start.c_str(), 0, nullptr) != 0) repo = nullptr;
    repos_[key] = repo;
    return repo;
  }
  // A `.git` (a directory, or a file in a linked work tree or submodule) here or above.
  static bool in_work_tree(const fs::path& start) {
    std::error_code ec;
    for (fs::path dir = start;; dir = dir.parent_path()) {
      if (fs::exists(dir / ".git", ec)) return true;
      if (dir == dir.parent_path()) return false;
    }
  }
  std::map<std::string, git_repository*> repos_;
};

std::string error_text(const std::error_code& ec) { return ec.message(); }

void add_file(Discovery& out, std::set<std::string>& seen, const fs::path& p, Kind kind,
              bool named, const std::string& cwd, bool not_a_link) {
  std::string fs_path = paths::is_normal(p.native()) ? p.native() : p.lexically_normal().string();
  if (!seen.insert(fs_path).second) return;
  InputFile f;
  f.fs_path = fs_path;
  f.path = display_path(fs_path, cwd);
  f.kind = kind;
  f.named_explicitly = named;
  f.not_a_link = not_a_link;
  out.files.push_back(std::move(f));
}

// One file found by the walk under `root`: added unless its name or .gitignore rules it out.
void walk_file(const fs::directory_entry& entry, const fs::path& root,
               const DiscoveryOptions& options, GitIgnore& gitignore, Discovery& out,
               std::set<std::string>& seen, const std::string& cwd) {
  std::error_code type_ec;
  if (!entry.is_regular_file(type_ec)) return;  // FIFOs, devices, dangling or looping links
  std::string path = entry.path().string();
  Kind kind = options.forced_kind ? *options.forced_kind : detect_kind_by_name(path);
  if (kind == Kind::unknown && !needs_content_detection(path)) return;
  if (gitignore.ignored(root, entry.path())) return;
  if (entry.is_symlink(type_ec)) {
    // A link is linted under its target's name (once, however many links lead there), and
    // only when the target lies inside the directory being checked: a link out of the tree
    // could make a linter in CI read any file of the host.
    std::error_code canon_ec;
    fs::path target = fs::canonical(entry.path(), canon_ec);
    fs::path top = fs::canonical(root, canon_ec);
    if (canon_ec) return;
    fs::path inside = target.lexically_relative(top);
    if (inside.empty() || *inside.begin() == "..") {
      std::size_t before = out.files.size();
      add_file(out, seen, entry.path(), kind, false, cwd, false);
      if (out.files.size() > before)
        out.files.back().skip_reason = fmt::format(
            "symbolic link to {}, outside the checked directory {}; not followed",
            target.string(), display_path(root.string()));
      return;
    }
    add_file(out, seen, root / inside, kind, false, cwd, false);
    return;
  }
  add_file(out, seen, entry.path(), kind, false, cwd, true);
}

// The entries of `dir` (at `depth` below `root`), depth first, each directory opened once; in
// the order std::filesystem's recursive iterator takes, which opened each directory a second
// time to find out whether it could be read (six system calls per directory of a large tree,
// in the run's single-threaded start). False once max_files is reached.
bool walk_directory(const fs::path& dir, std::size_t depth, const fs::path& root,
                    const DiscoveryOptions& options, GitIgnore& gitignore, Discovery& out,
                    std::set<std::string>& seen, const std::string& cwd) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {  // reported, and the rest of the tree still walked
    out.errors.push_back({display_path(dir.string()), "cannot read directory: " + error_text(ec)});
    return true;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (options.max_files && out.files.size() >= options.max_files) {
      out.truncated = true;
      return false;
    }
    if (ec) {
      out.errors.push_back({display_path(dir.string()),
                            "cannot read directory: " + error_text(ec)});
      return true;
    }
    const fs::directory_entry& entry = *it;
    std::error_code type_ec;
    if (!entry.is_directory(type_ec)) {
      walk_file(entry, root, options, gitignore, out, seen, cwd);
      continue;
    }
    std::string name = entry.path().filename().string();
    if (is_skipped_directory(name) || depth >= kMaxDepth || gitignore.ignored(root, entry.path()))
      continue;
    if (entry.is_symlink(type_ec)) {
      // A link to a directory is not followed; one that cannot be read is still reported.
      std::error_code open_ec;
      fs::directory_iterator probe(entry.path(), open_ec);
      if (open_ec)
        out.errors.push_back({display_path(entry.path().string()),
                              "cannot read directory: " + error_text(open_ec)});
      continue;
    }
    if (!walk_directory(entry.path(), depth + 1, root, options, gitignore, out, seen, cwd))
      return false;
  }
  return true;
}

void walk(const fs::path& root, const DiscoveryOptions& options, GitIgnore& gitignore,
          Discovery& out, std::set<std::string>& seen, const std::string& cwd) {
  walk_directory(root, 0, root, options, gitignore, out, seen, cwd);
}

}  // namespace

std::string display_path(const std::string& fs_path) {
  return display_path(fs_path, paths::working_directory());
}

std::string display_path(const std::string& fs_path, const std::string& cwd) {
  // Normal paths, the common case, are cut as strings: a walk names thousands of files.
  if (paths::is_normal(fs_path) && paths::is_absolute_normal(cwd)) {
    if (fs_path.front() != '/') return fs_path;
    std::string prefix = cwd == "/" ? cwd : cwd + "/";
    if (fs_path.size() > prefix.size() && fs_path.starts_with(prefix))
      return fs_path.substr(prefix.size());
    // Outside the working directory (a walk of ../shared): named as it is, as below.
    return fs_path == cwd ? "." : fs_path;
  }
  fs::path p(fs_path);
  if (p.is_relative()) return p.lexically_normal().generic_string();
  if (cwd.empty()) return p.generic_string();
  fs::path rel = p.lexically_normal().lexically_relative(cwd);
  std::string s = rel.generic_string();
  if (s.empty() || s.starts_with("..")) return p.lexically_normal().generic_string();
  return s;
}

Discovery discover(const std::vector<std::string>& paths, const DiscoveryOptions& options) {
  Discovery out;
  std::set<std::string> seen;
  GitIgnore gitignore;
  const std::string cwd = paths::working_directory();
  for (const std::string& arg : paths) {
    if (arg == "-") {
      InputFile f;
      f.path = options.stdin_filename;
      f.fs_path = options.stdin_filename;
      f.from_stdin = true;
      f.named_explicitly = true;
      f.kind = options.forced_kind ? *options.forced_kind
                                   : detect_kind_by_name(options.stdin_filename);
      out.files.push_back(std::move(f));
      continue;
    }
    fs::path p(arg);
    std::error_code ec;
    // lstat first: whether a named file is itself a link comes free with the check.
    fs::file_status st = fs::symlink_status(p, ec);
    const bool not_a_link = !ec && fs::is_regular_file(st);
    if (!ec && fs::is_symlink(st)) st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      // ELOOP and EACCES say more than "missing" (a link loop, an unreadable parent).
      out.errors.push_back(
          {display_path(arg), ec && ec != std::errc::no_such_file_or_directory
                                  ? "cannot read: " + error_text(ec)
                                  : std::string("no such file or directory")});
      continue;
    }
    if (fs::is_directory(st)) {
      walk(p, options, gitignore, out, seen, cwd);
    } else {
      Kind kind = options.forced_kind ? *options.forced_kind : detect_kind_by_name(arg);
      add_file(out, seen, p, kind, !options.ignore_unknown, cwd, not_a_link);
    }
  }
  std::stable_sort(out.files.begin(), out.files.end(),
                   [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace infralint
