#include "model/package_install.hpp"

#include <algorithm>
#include <initializer_list>

#include "model/dockerfile_stages.hpp"

namespace infralint {
namespace {

using Names = std::initializer_list<std::string_view>;

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

template <typename List>
bool one_of(std::string_view s, const List& names) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

bool one_of(std::string_view s, Names names) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

bool ends_with_any(std::string_view s, Names suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(),
                     [&](std::string_view x) { return s.ends_with(x); });
}

// Options taking a value as the next argument when written without '='. `go_style`: Go's
// flags are one dash and a long name (`-ldflags "-s -w"`).
struct ValueOptions {
  std::string_view short_letters;
  std::vector<std::string_view> long_names;
  bool go_style = false;
};

bool takes_value(std::string_view arg, const ValueOptions& opts) {
  if (arg.starts_with("--") || (opts.go_style && arg.starts_with("-"))) {
    if (contains(arg, "=")) return false;
    return one_of(arg.substr(arg.starts_with("--") ? 2 : 1), opts.long_names);
  }
  // A short option takes the next argument when it ends a cluster with nothing attached.
  return arg.size() == 2 && arg[0] == '-' && contains(opts.short_letters, arg.substr(1, 1));
}

// The operands of `args[first...]`: arguments that are neither options nor option values.
std::vector<const shell::Word*> operands_of(const std::vector<shell::Word>& args,
                                            std::size_t first, const ValueOptions& opts) {
  std::vector<const shell::Word*> out;
  bool skip_next = false, options_done = false;
  for (std::size_t i = first; i < args.size(); ++i) {
    std::string_view a = args[i].value;
    if (skip_next) {
      skip_next = false;
      continue;
    }
    if (!options_done && a == "--") {
      options_done = true;
      continue;
    }
    if (!options_done && a.size() > 1 && a[0] == '-') {
      skip_next = takes_value(a, opts);
      continue;
    }
    out.push_back(&args[i]);
  }
  return out;
}

// The value of an operand, ARG/ENV expanded; nullopt when it cannot be known as one word.
std::optional<std::string> operand_text(const shell::Word& w, const dockerfile::Variables& vars) {
  if (w.literal) return w.value;
  if (!contains(w.value, "$") || contains(w.value, "$(") || contains(w.value, "`"))
    return std::nullopt;  // a glob, a substitution
  std::optional<std::string> value = dockerfile::expand(w.value, vars);
  if (!value || value->empty() || value->find_first_of(" \t\n*?[") != std::string::npos)
    return std::nullopt;  // unknown, or a list the shell splits, or a glob
  return value;
}

// Whether the path part of a URL (after the host) names a ref with '@': `git+https://h/r@v1`.
bool url_has_ref(std::string_view url) {
  std::size_t scheme = url.find("://");
  std::size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  return path != std::string_view::npos && url.find('@', path) != std::string_view::npos;
}

bool is_moving_tag(std::string_view version) {
  return one_of(version, {"latest", "next", "master", "main", "HEAD", "upgrade", "patch"});
}

// Each manager's reading of one operand: nullopt when it is not a registry package (a local
// file, a path, a URL without a ref to judge), else whether it is pinned.
using Judge = std::optional<PackageOperand> (*)(std::string_view);

PackageOperand judged(bool pinned, bool moving = false) {
  PackageOperand p;
  p.pinned = pinned && !moving;
  p.moving_tag = moving;
  return p;
}

std::optional<PackageOperand> judge_apt(std::string_view s) {
  // `pkg-` asks apt to remove pkg; `pkg/release` selects a release; paths and .deb files.
  if (s.ends_with(".deb") || contains(s, "/") || s.ends_with("-")) return std::nullopt;
  return judged(contains(s, "="));
}

std::optional<PackageOperand> judge_apk(std::string_view s) {
  if (s.ends_with(".apk") || contains(s, "/")) return std::nullopt;
  return judged(s.find_first_of("=~<>") != std::string_view::npos);
}

std::optional<PackageOperand> judge_pip(std::string_view s) {
  if (s.starts_with("git+") || s.starts_with("hg+") || s.starts_with("svn+") ||
      s.starts_with("bzr+"))
    return judged(url_has_ref(s));
  if (contains(s, "://") || contains(s, "/") || s.starts_with(".") ||
      ends_with_any(s, {".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz"}))
    return std::nullopt;
  // `name @ url` direct references also pin.
  return judged(s.find_first_of("=<>~@") != std::string_view::npos);
}

std::optional<PackageOperand> judge_npm(std::string_view s) {
  if (s.starts_with("git+") || s.starts_with("git:") || s.starts_with("github:") || s.starts_with("gitlab:") ||
      s.starts_with("bitbucket:"))
    return judged(contains(s, "#"));
  if (contains(s, "://") || s.starts_with(".") || s.starts_with("/") || s.starts_with("~") ||
      s.starts_with("file:") || ends_with_any(s, {".tgz", ".tar.gz", ".tar"}))
    return std::nullopt;
  std::string_view unscoped = s.starts_with("@") ? s.substr(1) : s;
  if (!s.starts_with("@") && contains(s, "/")) return judged(contains(s, "#"));  // user/repo
  std::size_t at = unscoped.find('@');
  if (at == std::string_view::npos) return judged(false);
  std::string_view version = unscoped.substr(at + 1);
  return judged(!version.empty(), is_moving_tag(version));
}

std::optional<PackageOperand> judge_gem(std::string_view s) {
  if (s.ends_with(".gem") || contains(s, "/")) return std::nullopt;
  return judged(contains(s, ":"));
}

std::optional<PackageOperand> judge_go(std::string_view s) {
  // Without @version, `go install` builds the version the main module's go.mod requires (and
  // fails outside a module): only an explicit moving query is unpinned.
  std::size_t at = s.rfind('@');
  if (s.starts_with(".") || s.starts_with("/") || at == std::string_view::npos) return std::nullopt;
  return judged(true, is_moving_tag(s.substr(at + 1)));
}

struct Recipe {
  PackageManager manager;
  std::vector<std::string_view> subcommands;
  ValueOptions options;
  Judge judge;
};

const ValueOptions kAptOptions{"otc", {"option", "target-release", "config-file", "default-release"}};
const ValueOptions kApkOptions{
    "tXp", {"virtual", "repository", "root", "arch", "keys-dir", "repositories-file", "cache-dir",
             "cache-max-age", "timeout"}};
const ValueOptions kPipOptions{
    "rceitfC",
    {"requirement", "constraint", "editable", "target", "platform", "python-version",
     "implementation", "abi", "root", "prefix", "src", "upgrade-strategy", "index-url",
     "extra-index-url", "find-links", "no-binary", "only-binary", "progress-bar", "proxy",
     "trusted-host", "cert", "client-cert", "cache-dir", "log", "timeout", "retries",
     "exists-action", "global-option", "install-option", "config-settings", "report",
     "python", "group"}};
const ValueOptions kNpmOptions{
    "wC",
    {"prefix", "registry", "cache", "userconfig", "globalconfig", "workspace", "omit", "include",
     "only", "loglevel", "tag", "save-prefix", "install-strategy", "fetch-timeout",
     "fetch-retries", "scope", "location", "script-shell", "os", "cpu", "libc", "before"}};
const ValueOptions kGemOptions{
    "vinsPgp", {"version", "install-dir", "bindir", "source", "platform", "trust-policy", "file",
                "build-root", "http-proxy"}};
const ValueOptions kGoOptions{
    "",
    {"tags", "ldflags", "gcflags", "asmflags", "mod", "modfile", "p", "pkgdir", "toolexec",
     "overlay", "pgo", "C", "exec", "installsuffix", "buildmode", "compiler", "gccgoflags",
     "coverpkg", "covermode", "buildvcs"},
    true};

bool is_pip_name(std::string_view name) {
  if (name == "pip" || name == "pip3") return true;
  if (!name.starts_with("pip3.")) return false;
  return std::all_of(name.begin() + 5, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_python_name(std::string_view name) {
  if (name == "python" || name == "python3") return true;
  return name.starts_with("python3.") &&
         std::all_of(name.begin() + 8, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Which manager runs `cmd`, and from which argument its own arguments start.
std::optional<std::pair<PackageManager, std::size_t>> manager_of(const shell::Command& cmd) {
  if (!cmd.name.literal) return std::nullopt;
  std::string_view name = cmd.name.value;
  if (name.size() > 1 && contains(name, "/")) name = name.substr(name.rfind('/') + 1);
  if (name == "apt-get" || name == "apt") return std::pair{PackageManager::apt, std::size_t{0}};
  if (name == "apk") return std::pair{PackageManager::apk, std::size_t{0}};
  if (name == "npm") return std::pair{PackageManager::npm, std::size_t{0}};
  if (name == "gem") return std::pair{PackageManager::gem, std::size_t{0}};
  if (name == "go") return std::pair{PackageManager::go, std::size_t{0}};
  if (is_pip_name(name)) return std::pair{PackageManager::pip, std::size_t{0}};
  if (is_python_name(name)) {
    // python [-flags] -m pip ...
    for (std::size_t i = 0; i + 1 < cmd.args.size(); ++i) {
      std::string_view a = cmd.args[i].value;
      if (a == "-m") {
        if (cmd.args[i + 1].value == "pip") return std::pair{PackageManager::pip, i + 2};
        return std::nullopt;
      }
      if (!a.starts_with("-")) return std::nullopt;
    }
  }
  return std::nullopt;
}

const Recipe& recipe_for(PackageManager m) {
  static const Recipe kRecipes[] = {
      {PackageManager::apt, {"install", "reinstall"}, kAptOptions, judge_apt},
      {PackageManager::apk, {"add"}, kApkOptions, judge_apk},
      {PackageManager::pip, {"install"}, kPipOptions, judge_pip},
      {PackageManager::npm, {"install", "i", "in", "add", "isntall", "ci"}, kNpmOptions, judge_npm},
      {PackageManager::gem, {"install", "i"}, kGemOptions, judge_gem},
      {PackageManager::go, {"install"}, kGoOptions, judge_go},
  };
  return kRecipes[static_cast<std::size_t>(m)];
}

bool has_any(const shell::Command& cmd, std::size_t first, Names exact, Names prefixes = {}) {
  for (std::size_t i = first; i < cmd.args.size(); ++i) {
    std::string_view a = cmd.args[i].value;
    if (a == "--") break;
    if (one_of(a, exact)) return true;
    for (std::string_view p : prefixes)
      if (a.starts_with(p)) return true;
  }
  return false;
}

// Home directories are read as `~`, so that a cache under /root, /home/<user> or $HOME is one
// path whoever the build runs as.
std::string normalise_home(std::string_view p) {
  while (p.size() > 1 && (p.ends_with('/') || p.ends_with('*'))) p.remove_suffix(1);
  for (std::string_view home : {"~", "$HOME", "${HOME}", "/root"})
    if (p == home || (p.starts_with(home) && p[home.size()] == '/'))
      return "~" + std::string(p.substr(home.size()));
  if (p.starts_with("/home/")) {
    std::size_t end = p.find('/', 6);
    return end == std::string_view::npos ? "~" : "~" + std::string(p.substr(end));
  }
  return std::string(p);
}

// Whether `dir` is `path` or a directory above it.
bool covers(std::string_view dir_text, std::string_view path_text) {
  std::string dir = normalise_home(dir_text), path = normalise_home(path_text);
  if (dir.empty() || dir == "/" || dir == "~") return false;
  return path == dir || (path.starts_with(dir) && path[dir.size()] == '/');
}

}  // namespace

std::optional<PackageInstall> read_package_install(const shell::Command& cmd,
                                                   const dockerfile::Variables& vars) {
  auto manager = manager_of(cmd);
  if (!manager) return std::nullopt;
  const Recipe& recipe = recipe_for(manager->first);
  std::vector<const shell::Word*> ops = operands_of(cmd.args, manager->second, recipe.options);
  if (ops.empty() || !ops.front()->literal || !one_of(ops.front()->value, recipe.subcommands))
    return std::nullopt;
  PackageInstall install;
  install.manager = recipe.manager;
  install.command = &cmd;
  install.subcommand = ops.front();
  std::size_t first = manager->second;
  switch (recipe.manager) {
    case PackageManager::pip:
      install.versions_from_file =
          has_any(cmd, first, {"-r", "--requirement", "-c", "--constraint"},
                  {"--requirement=", "--constraint=", "-r", "-c"}) ||
          vars.contains("PIP_CONSTRAINT");
      break;
    case PackageManager::npm:
      install.versions_from_file = install.subcommand->value == "ci";
      break;
    default:
      break;
  }
  // A constraints file or `gem install x -v 1.2` pins every package named.
  bool all_pinned = (recipe.manager == PackageManager::pip &&
                     (has_any(cmd, first, {"-c", "--constraint"}, {"--constraint=", "-c"}) ||
                      vars.contains("PIP_CONSTRAINT"))) ||
                    (recipe.manager == PackageManager::gem &&
                     has_any(cmd, first, {"-v", "--version"}, {"--version=", "-v"}));
  for (std::size_t i = 1; i < ops.size(); ++i) {
    std::optional<std::string> text = operand_text(*ops[i], vars);
    if (!text) {
      install.unresolved = true;
      continue;
    }
    std::optional<PackageOperand> package = recipe.judge(*text);
    if (!package) continue;
    package->word = ops[i];
    package->text = std::move(*text);
    if (all_pinned) package->pinned = true;
    install.packages.push_back(std::move(*package));
  }
  return install;
}

std::vector<const PackageOperand*> unpinned_packages(const PackageInstall& install) {
  std::vector<const PackageOperand*> out;
  for (const PackageOperand& p : install.packages)
    if (!p.pinned) out.push_back(&p);
  return out;
}

std::string package_list(const std::vector<const PackageOperand*>& packages) {
  std::string out;
  std::size_t shown = packages.size() <= 3 ? packages.size() : 2;
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += i + 1 == packages.size() ? " and " : ", ";
    out += "`" + packages[i]->text + "`";
  }
  if (shown < packages.size()) out += " and " + std::to_string(packages.size() - shown) + " more";
  return out;
}

Span packages_span(const std::vector<const PackageOperand*>& packages) {
  return packages.front()->word->span.cover(packages.back()->word->span);
}

// Every installation of `file`, read once: ten rules ask, each for its own manager.
struct PackageInstallsMemo {
  struct Entry {
    const dockerfile::Instruction* run;
    std::size_t index;
    PackageInstall install;
  };
  std::vector<Entry> entries;
};

namespace {

const PackageInstallsMemo& package_installs(const dockerfile::File& file) {
  if (file.package_installs_memo) return *file.package_installs_memo;
  auto memo = std::make_shared<PackageInstallsMemo>();
  for (std::size_t index = 0; index < file.instructions.size(); ++index) {
    const dockerfile::Instruction* run = &file.instructions[index];
    if (run->keyword == dockerfile::Keyword::onbuild && run->onbuild) run = run->onbuild.get();
    if (run->keyword != dockerfile::Keyword::run) continue;
    const dockerfile::Variables* vars = nullptr;
    for (const shell::Script& script : run->scripts)
      for (const shell::Command& cmd : script.commands) {
        if (!manager_of(cmd)) continue;
        if (!vars) vars = &dockerfile::variables_at(file, index);
        if (auto install = read_package_install(cmd, *vars))
          memo->entries.push_back({run, index, std::move(*install)});
      }
  }
  file.package_installs_memo = memo;
  return *memo;
}

}  // namespace

void for_each_package_install(
    const dockerfile::File& file, PackageManager manager,
    const std::function<void(const dockerfile::Instruction&, std::size_t, const PackageInstall&)>&
        visit) {
  for (const PackageInstallsMemo::Entry& entry : package_installs(file).entries)
    if (entry.install.manager == manager) visit(*entry.run, entry.index, entry.install);
}

bool has_cache_mount(const dockerfile::Instruction& run, std::string_view path) {
  for (const dockerfile::Flag& flag : run.flags) {
    if (flag.name != "mount") continue;
    bool cache = false;
    std::string_view target;
    std::string_view rest = flag.value;
    while (!rest.empty()) {
      std::size_t comma = rest.find(',');
      std::string_view field = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      std::size_t eq = field.find('=');
      std::string_view key = field.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? "" : field.substr(eq + 1);
      if (key == "type") cache = value == "cache";
      if (key == "target" || key == "dst" || key == "destination") target = value;
    }
    if (cache && covers(target, path)) return true;
  }
  return false;
}

bool removes_path(const dockerfile::Instruction& run, std::string_view path) {
  for (const shell::Script& script : run.scripts)
    for (const shell::Command& cmd : script.commands) {
      if (!cmd.name.literal || cmd.name.value != "rm") continue;
      for (const shell::Word& arg : cmd.args)
        if (covers(arg.value, path)) return true;
    }
  return false;
}

bool runs_subcommand(const dockerfile::Instruction& run, std::string_view name,
                     std::string_view subcommand, std::string_view then) {
  for (const shell::Script& script : run.scripts)
    for (const shell::Command& cmd : script.commands) {
      if (!cmd.name.literal || cmd.name.value != name) continue;
      std::vector<const shell::Word*> ops = operands_of(cmd.args, 0, {});
      if (ops.empty() || ops[0]->value != subcommand) continue;
      if (then.empty() || (ops.size() > 1 && ops[1]->value == then)) return true;
    }
  return false;
}

bool in_final_image(const dockerfile::File& file, std::size_t index) {
  std::vector<std::size_t> stages = final_image_stages(file);
  std::size_t stage = file.instructions[index].stage;
  return std::find(stages.begin(), stages.end(), stage) != stages.end();
}

}  // namespace infralint
