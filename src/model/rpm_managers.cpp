#include "model/rpm_managers.hpp"

#include "model/dockerfile_stages.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <span>
#include <string>

#include "model/command_line.hpp"

namespace infralint {
namespace {

// Options whose value is the next word, per tool: they must not be read as the subcommand
// or as a package (`apk add --virtual .deps gcc`, `zypper in -t pattern devel_basis`).
struct OptionSyntax {
  std::string_view short_with_value;
  std::span<const std::string_view> long_with_value;
};

constexpr std::string_view kAptLong[] = {"option", "target-release", "config-file"};
constexpr std::string_view kApkLong[] = {"repository", "root",      "virtual",
                                         "arch",       "cache-dir", "keys-dir"};
constexpr std::string_view kZypperLong[] = {"config", "root", "reposd-dir", "cache-dir",
                                            "repo",   "type", "from"};
constexpr std::string_view kDnfLong[] = {
    "setopt",  "exclude",     "enablerepo",    "disablerepo",  "repo",
    "repoid",  "installroot", "releasever",    "config",       "downloaddir",
    "destdir", "forcearch",   "disableplugin", "enableplugin", "comment"};

OptionSyntax syntax_of(PackageTool tool) {
  switch (tool) {
    case PackageTool::apt:
      return {"otc", kAptLong};
    case PackageTool::apk:
      return {"Xpt", kApkLong};
    case PackageTool::zypper:
      return {"cCDRrt", kZypperLong};
    case PackageTool::yum:
    case PackageTool::dnf:
    case PackageTool::microdnf:
      break;
  }
  return {"cdeRx", kDnfLong};
}

std::string_view basename(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::optional<PackageTool> tool_named(std::string_view name) {
  name = basename(name);
  if (name == "apt-get" || name == "apt" || name == "aptitude") return PackageTool::apt;
  if (name == "apk") return PackageTool::apk;
  if (name == "yum") return PackageTool::yum;
  if (name == "dnf" || name == "tdnf" || name == "dnf5") return PackageTool::dnf;
  if (name == "microdnf") return PackageTool::microdnf;
  if (name == "zypper") return PackageTool::zypper;
  return std::nullopt;
}

// The operands of `cmd` (words that are not options nor option values), in order.
std::vector<const shell::Word*> operands(const shell::Command& cmd, PackageTool tool) {
  OptionSyntax syntax = syntax_of(tool);
  std::vector<const shell::Word*> out;
  bool skip_next = false, only_operands = false;
  for (const shell::Word& w : cmd.args) {
    std::string_view a = w.value;
    if (skip_next) {
      skip_next = false;
      continue;
    }
    if (only_operands || !a.starts_with("-") || a == "-") {
      out.push_back(&w);
      continue;
    }
    if (a == "--") {
      only_operands = true;
    } else if (a.starts_with("--")) {
      std::string_view name = a.substr(2);
      if (name.find('=') != std::string_view::npos) continue;
      skip_next = std::find(syntax.long_with_value.begin(), syntax.long_with_value.end(), name) !=
                  syntax.long_with_value.end();
    } else {
      // A short option taking a value takes the rest of the cluster, or the next word.
      for (std::size_t i = 1; i < a.size(); ++i)
        if (syntax.short_with_value.find(a[i]) != std::string_view::npos) {
          skip_next = i + 1 == a.size();
          break;
        }
    }
  }
  return out;
}

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

PackageAction apt_action(std::string_view sub) {
  if (sub == "update") return PackageAction::refresh_index;
  if (is_one_of<5>(sub, {"install", "reinstall", "build-dep", "source", "download"}))
    return PackageAction::install;
  if (sub == "upgrade" || sub == "safe-upgrade") return PackageAction::upgrade_all;
  if (sub == "dist-upgrade" || sub == "full-upgrade") return PackageAction::dist_upgrade;
  if (is_one_of<3>(sub, {"remove", "purge", "autoremove"})) return PackageAction::remove;
  if (sub == "clean" || sub == "autoclean") return PackageAction::clean;
  return PackageAction::other;
}

PackageAction apk_action(std::string_view sub, bool has_operands) {
  if (sub == "update") return PackageAction::refresh_index;
  if (sub == "add") return PackageAction::install;
  if (sub == "upgrade") return has_operands ? PackageAction::install : PackageAction::upgrade_all;
  if (sub == "del") return PackageAction::remove;
  if (sub == "cache") return PackageAction::clean;
  return PackageAction::other;
}

PackageAction rpm_action(std::string_view sub, bool has_operands) {
  if (sub == "makecache" || sub == "check-update") return PackageAction::refresh_index;
  if (is_one_of<6>(sub,
                   {"install", "localinstall", "groupinstall", "reinstall", "downgrade", "in"}))
    return PackageAction::install;
  if (is_one_of<6>(sub,
                   {"update", "upgrade", "update-minimal", "upgrade-minimal", "up", "groupupdate"}))
    return has_operands ? PackageAction::install : PackageAction::upgrade_all;
  if (is_one_of<3>(sub, {"distro-sync", "dist-upgrade", "dsync"}))
    return PackageAction::dist_upgrade;
  if (is_one_of<5>(sub, {"remove", "erase", "autoremove", "rm", "groupremove"}))
    return PackageAction::remove;
  if (sub == "clean") return PackageAction::clean;
  return PackageAction::other;
}

PackageAction zypper_action(std::string_view sub, bool has_operands) {
  if (sub == "refresh" || sub == "ref") return PackageAction::refresh_index;
  if (is_one_of<4>(sub, {"install", "in", "source-install", "si"})) return PackageAction::install;
  if (sub == "update" || sub == "up")
    return has_operands ? PackageAction::install : PackageAction::upgrade_all;
  if (sub == "dist-upgrade" || sub == "dup") return PackageAction::dist_upgrade;
  if (sub == "remove" || sub == "rm") return PackageAction::remove;
  if (sub == "clean" || sub == "cc") return PackageAction::clean;
  return PackageAction::other;
}

// Whether `cmd` runs one of `tools`, asked before reading it in full: most commands of a RUN
// are apt or apk, which the rpm-family rules pass over.
bool runs_one_of(const shell::Command& cmd, std::initializer_list<PackageTool> tools) {
  if (!cmd.name.literal) return false;
  std::optional<PackageTool> tool = tool_named(cmd.name.value);
  return tool && std::find(tools.begin(), tools.end(), *tool) != tools.end();
}

bool is_rpm_family(PackageTool tool) {
  return tool == PackageTool::yum || tool == PackageTool::dnf || tool == PackageTool::microdnf;
}

}  // namespace

std::optional<PackageCommand> read_package_command(const shell::Command& cmd) {
  if (!cmd.name.literal) return std::nullopt;
  std::optional<PackageTool> tool = tool_named(cmd.name.value);
  if (!tool) return std::nullopt;
  std::vector<const shell::Word*> ops = operands(cmd, *tool);
  if (ops.empty() || !ops.front()->literal) return std::nullopt;
  PackageCommand pc{*tool, PackageAction::other, ops.front()};
  std::string_view sub = pc.subcommand->value;
  std::size_t first_package = 1;
  if (is_rpm_family(*tool) && (sub == "group" || sub == "groups" || sub == "module") &&
      ops.size() > 1) {
    pc.group_action = ops[1];
    sub = ops[1]->value;
    first_package = 2;
  }
  bool has_operands = ops.size() > first_package;
  switch (*tool) {
    case PackageTool::apt:
      pc.action = apt_action(sub);
      break;
    case PackageTool::apk:
      pc.action = apk_action(sub, has_operands);
      break;
    case PackageTool::zypper:
      pc.action = zypper_action(sub, has_operands);
      break;
    case PackageTool::yum:
    case PackageTool::dnf:
    case PackageTool::microdnf:
      pc.action = rpm_action(sub, has_operands);
      break;
  }
  // `dnf group upgrade x` upgrades the named group: an install, not a system upgrade.
  if (pc.group_action && pc.action == PackageAction::upgrade_all)
    pc.action = PackageAction::install;
  return pc;
}

std::vector<const shell::Word*> package_operands(const shell::Command& cmd,
                                                 const PackageCommand& pc) {
  std::vector<const shell::Word*> ops = operands(cmd, pc.tool);
  std::size_t skip = pc.group_action ? 2 : 1;
  if (ops.size() <= skip) return {};
  return {ops.begin() + static_cast<std::ptrdiff_t>(skip), ops.end()};
}

bool prompts_for_confirmation(const PackageCommand& pc) {
  switch (pc.action) {
    case PackageAction::install:
    case PackageAction::upgrade_all:
    case PackageAction::dist_upgrade:
    case PackageAction::remove:
      return true;
    case PackageAction::other:
      return pc.tool == PackageTool::zypper && pc.subcommand->value == "patch";
    case PackageAction::refresh_index:
    case PackageAction::clean:
      return false;
  }
  return false;
}

bool answers_prompts(const shell::Command& cmd, const PackageCommand& pc) {
  if (pc.tool != PackageTool::zypper) return has_option(cmd, {"assumeyes", "yes"}, "y");
  bool before_subcommand = true;
  for (const shell::Word& w : cmd.args) {
    if (&w == pc.subcommand) {
      before_subcommand = false;
      continue;
    }
    std::string_view a = w.value;
    if (a == "--no-confirm" || a == "-y") return true;
    if (before_subcommand && (a == "--non-interactive" || a == "-n")) return true;
    if (a.size() > 2 && a[0] == '-' && a[1] != '-') {
      char letter = before_subcommand ? 'n' : 'y';
      if (a.find(letter) != std::string_view::npos) return true;
    }
  }
  return false;
}

bool mounts_cache_over(const dockerfile::Instruction& run, std::string_view dir) {
  for (const auto& flag : run.flags) {
    if (flag.name != "mount") continue;
    std::string_view v = flag.value;
    bool cache = false;
    std::string_view target;
    while (!v.empty()) {
      std::size_t comma = v.find(',');
      std::string_view field = v.substr(0, comma);
      v = comma == std::string_view::npos ? std::string_view{} : v.substr(comma + 1);
      std::size_t eq = field.find('=');
      std::string_view key = field.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? "" : field.substr(eq + 1);
      if (key == "type") cache = value == "cache" || value == "tmpfs";
      if (key == "target" || key == "dst" || key == "destination") target = value;
    }
    while (target.size() > 1 && target.back() == '/') target.remove_suffix(1);
    if (cache && !target.empty() && (dir.starts_with(target) || target.starts_with(dir)))
      return true;
  }
  return false;
}

std::vector<std::string_view> cache_dirs(PackageTool tool) {
  switch (tool) {
    case PackageTool::apt:
      return {"/var/cache/apt", "/var/lib/apt/lists"};
    case PackageTool::apk:
      return {"/var/cache/apk"};
    case PackageTool::yum:
      return {"/var/cache/yum", "/var/cache/dnf"};
    case PackageTool::dnf:
      return {"/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"};
    case PackageTool::microdnf:
      return {"/var/cache/yum"};
    case PackageTool::zypper:
      return {"/var/cache/zypp"};
  }
  return {};
}

namespace {

// `rm -rf /var/cache/yum/*`, `rm -rf /var/cache/*` (a parent), `rm -rf /var/cache/dnf/x`.
bool removes_dir(const shell::Command& cmd, std::string_view dir) {
  for (const shell::Word& w : cmd.args) {
    std::string_view p = w.value;
    while (!p.empty() && (p.back() == '*' || p.back() == '/')) p.remove_suffix(1);
    if (p.size() >= std::string_view("/var/cache").size() &&
        (dir.starts_with(p) || p.starts_with(dir)))
      return true;
  }
  return false;
}

bool clean_counts_for(PackageTool cleaner, PackageTool installer) {
  if (cleaner == installer) return true;
  return (cleaner == PackageTool::yum || cleaner == PackageTool::dnf) &&
         (installer == PackageTool::yum || installer == PackageTool::dnf);
}

bool cleans_everything(const shell::Command& cmd, const PackageCommand& pc) {
  if (pc.tool == PackageTool::zypper) return true;  // `zypper clean` cleans every repository
  for (const shell::Word* w : package_operands(cmd, pc))
    if (w->value == "all" || w->value == "packages") return true;
  return false;
}

}  // namespace

bool cleans_cache_after(const dockerfile::Instruction& run, PackageTool tool, std::size_t after) {
  for (const auto& script : run.scripts)
    for (const auto& cmd : script.commands) {
      if (cmd.span.begin < after || !cmd.name.literal) continue;
      if (basename(cmd.name.value) == "rm") {
        for (std::string_view dir : cache_dirs(tool))
          if (removes_dir(cmd, dir)) return true;
        continue;
      }
      std::optional<PackageCommand> pc = read_package_command(cmd);
      if (pc && pc->action == PackageAction::clean && clean_counts_for(pc->tool, tool) &&
          cleans_everything(cmd, *pc))
        return true;
    }
  return false;
}

namespace {

bool is_version_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '~' || c == '^' ||
         c == '_' || c == ':' || c == '+';
}

// `name-version[-release][.arch]`: some dash-separated part after the name starts with a digit
// and every such part is made of version characters (hadolint's reading, so `python3-devel`
// and `gcc-c++` are names, `httpd-2.4.6-97.el7` is pinned).
bool rpm_name_has_version(std::string_view text) {
  std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) return false;
  bool digit_start = false;
  std::string_view rest = text.substr(dash + 1);
  while (true) {
    std::size_t next = rest.find('-');
    std::string_view part = rest.substr(0, next);
    if (part.empty() || !std::all_of(part.begin(), part.end(), is_version_char)) return false;
    digit_start = digit_start || std::isdigit(static_cast<unsigned char>(part.front()));
    if (next == std::string_view::npos) break;
    rest = rest.substr(next + 1);
  }
  return digit_start;
}

bool unpinnable(std::string_view text) {
  return text.empty() || text.find('/') != std::string_view::npos || text.ends_with(".rpm") ||
         text.front() == '@' || text.find('(') != std::string_view::npos ||
         text.find_first_of("*?[") != std::string_view::npos;
}

}  // namespace

std::vector<RpmPackage> rpm_install_packages(const shell::Command& cmd, const PackageCommand& pc,
                                             const dockerfile::Variables& vars, char escape) {
  std::vector<RpmPackage> out;
  if (pc.tool == PackageTool::apt || pc.tool == PackageTool::apk) return out;
  std::string_view sub = pc.subcommand->value;
  bool module = false;
  if (pc.tool == PackageTool::zypper) {
    if (sub != "install" && sub != "in") return out;
    // `-t pattern`, `-t patch`, `-t product`: not packages
    for (std::size_t i = 0; i + 1 < cmd.args.size(); ++i)
      if ((cmd.args[i].value == "-t" || cmd.args[i].value == "--type") &&
          cmd.args[i + 1].value != "package")
        return out;
  } else if (pc.group_action) {
    if (sub != "module" || pc.group_action->value != "install") return out;
    module = true;
  } else if (sub != "install") {
    return out;
  }
  for (const shell::Word* w : package_operands(cmd, pc)) {
    std::optional<std::string> text = w->literal ? std::optional<std::string>(w->value)
                                                 : dockerfile::expand(w->value, vars, escape);
    if (!text || unpinnable(*text)) continue;
    RpmPackage package{w, *text, false};
    if (module)
      package.pinned = text->find(':') != std::string::npos;
    else if (pc.tool == PackageTool::zypper)
      package.pinned = text->find_first_of("=<>") != std::string::npos;
    else
      package.pinned = rpm_name_has_version(*text);
    out.push_back(std::move(package));
  }
  return out;
}

void for_each_package_command(
    const dockerfile::File& file,
    const std::function<void(const dockerfile::Instruction&, const shell::Command&,
                             const PackageCommand&)>& visit) {
  auto visit_run = [&](const dockerfile::Instruction& run) {
    for (const auto& script : run.scripts)
      for (const auto& cmd : script.commands)
        if (std::optional<PackageCommand> pc = read_package_command(cmd)) visit(run, cmd, *pc);
  };
  for (const auto& ins : file.instructions) {
    if (ins.keyword == dockerfile::Keyword::run) visit_run(ins);
    if (ins.keyword == dockerfile::Keyword::onbuild && ins.onbuild &&
        ins.onbuild->keyword == dockerfile::Keyword::run)
      visit_run(*ins.onbuild);
  }
}

const shell::Command* install_left_uncleaned(const dockerfile::Instruction& run, PackageTool tool) {
  for (const auto& script : run.scripts)
    for (const auto& cmd : script.commands) {
      if (!runs_one_of(cmd, {tool})) continue;
      std::optional<PackageCommand> pc = read_package_command(cmd);
      if (!pc) continue;
      if (pc->action != PackageAction::install && pc->action != PackageAction::upgrade_all &&
          pc->action != PackageAction::dist_upgrade)
        continue;
      if (cleans_cache_after(run, tool, cmd.span.end)) continue;
      // The mounts are looked at last: few RUNs run `tool` at all.
      for (std::string_view dir : cache_dirs(tool))
        if (mounts_cache_over(run, dir)) return nullptr;
      return &cmd;
    }
  return nullptr;
}

std::string_view to_string(PackageTool tool) {
  switch (tool) {
    case PackageTool::apt:
      return "apt-get";
    case PackageTool::apk:
      return "apk";
    case PackageTool::yum:
      return "yum";
    case PackageTool::dnf:
      return "dnf";
    case PackageTool::microdnf:
      return "microdnf";
    case PackageTool::zypper:
      return "zypper";
  }
  return "";
}

}  // namespace infralint

namespace infralint {

std::string describe(const shell::Command& cmd, const PackageCommand& pc) {
  std::string out(basename(cmd.name.value));
  out += " " + pc.subcommand->value;
  if (pc.group_action) out += " " + pc.group_action->value;
  return out;
}

Span command_span(const shell::Command& cmd, const PackageCommand& pc) {
  return cmd.name.span.cover(pc.group_action ? pc.group_action->span : pc.subcommand->span);
}

std::vector<UnpinnedInstall> unpinned_installs(const dockerfile::File& file,
                                               std::initializer_list<PackageTool> tools) {
  std::vector<UnpinnedInstall> out;
  for (std::size_t i = 0; i < file.instructions.size(); ++i) {
    const auto* run = &file.instructions[i];
    if (run->keyword == dockerfile::Keyword::onbuild && run->onbuild) run = run->onbuild.get();
    if (run->keyword != dockerfile::Keyword::run) continue;
    const dockerfile::Variables* vars = nullptr;
    for (const auto& script : run->scripts)
      for (const auto& cmd : script.commands) {
        if (!runs_one_of(cmd, tools)) continue;
        auto pc = read_package_command(cmd);
        if (!pc) continue;
        if (!vars) vars = &dockerfile::variables_at(file, i);
        UnpinnedInstall install{&cmd, pc->tool, {}};
        for (auto& package : rpm_install_packages(cmd, *pc, *vars, file.escape))
          if (!package.pinned) install.packages.push_back(std::move(package));
        if (!install.packages.empty()) out.push_back(std::move(install));
      }
  }
  return out;
}

std::vector<const shell::Command*> uncleaned_installs_in_final_image(const dockerfile::File& file,
                                                                     PackageTool tool) {
  std::vector<const shell::Command*> out;
  std::vector<std::size_t> stages = final_image_stages(file);
  for (const auto& run : file.instructions) {
    if (run.keyword != dockerfile::Keyword::run ||
        std::find(stages.begin(), stages.end(), run.stage) == stages.end())
      continue;
    if (const shell::Command* install = install_left_uncleaned(run, tool)) out.push_back(install);
  }
  return out;
}

}  // namespace infralint
