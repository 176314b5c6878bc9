#include "model/tls_bypass.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace infralint {
namespace {

using shell::Command;
using shell::Word;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view basename(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

bool falsy(std::string_view value) {
  return one_of(lower(value), {"0", "false", "no", "off"});
}

// An option word found on a command line, and whether it is that option alone (removable).
struct OptionWord {
  const Word* word;
  bool alone;
};

// Words holding long option `--name` (or `--name=value`) or short `letter`, alone or in a
// cluster. In a cluster, a letter of `value_letters` takes the rest of the word (curl's `-lol`
// is `-l -o l`) or, when last, the next word.
std::vector<OptionWord> option_words(const Command& cmd,
                                     std::initializer_list<std::string_view> long_names,
                                     char letter = 0, std::string_view value_letters = "") {
  std::vector<OptionWord> out;
  bool skip_next = false;
  for (const Word& w : cmd.args) {
    if (skip_next) {
      skip_next = false;
      continue;
    }
    if (!w.literal) continue;
    std::string_view a = w.value;
    if (a == "--") break;
    if (a.starts_with("--")) {
      std::string_view name = a.substr(
          2, a.find('=') == std::string_view::npos ? std::string_view::npos : a.find('=') - 2);
      if (one_of(name, long_names)) out.push_back({&w, name.size() + 2 == a.size()});
    } else if (a.size() > 1 && a[0] == '-') {
      for (std::size_t i = 1; i < a.size(); ++i) {
        if (a[i] == letter && letter != 0) {
          out.push_back({&w, a.size() == 2});
          break;
        }
        if (value_letters.find(a[i]) != std::string_view::npos) {
          skip_next = i + 1 == a.size();
          break;
        }
      }
    }
  }
  return out;
}

// The words that are not options, skipping the value of options in `value_options`.
std::vector<const Word*> operands(const Command& cmd,
                                  std::initializer_list<std::string_view> value_options = {}) {
  std::vector<const Word*> out;
  bool skip_next = false;
  for (const Word& w : cmd.args) {
    if (skip_next) {
      skip_next = false;
      continue;
    }
    if (one_of(w.value, value_options)) {
      skip_next = true;
      continue;
    }
    if (!w.value.starts_with("-")) out.push_back(&w);
  }
  return out;
}

void add(std::vector<VerificationBypass>& out, const OptionWord& hit, std::string setting,
         std::string effect) {
  out.push_back(
      {hit.word->span, std::move(setting), std::move(effect), hit.alone ? hit.word->span : Span{}});
}

void add(std::vector<VerificationBypass>& out, Span span, std::string setting, std::string effect) {
  out.push_back({span, std::move(setting), std::move(effect), Span{}});
}

// `NAME=value` words: a command's own assignments, `export` and `env` arguments.
void environment_bypasses(const Command& cmd, std::string_view name,
                          std::vector<VerificationBypass>& out) {
  auto check = [&](const Word& w) {
    if (!w.literal) return;
    auto eq = w.value.find('=');
    if (eq == std::string::npos || eq == 0) return;
    std::string_view var = std::string_view(w.value).substr(0, eq);
    std::string_view value = std::string_view(w.value).substr(eq + 1);
    if (auto effect = tls_bypass_by_variable(var, value)) add(out, w.span, w.value, *effect);
  };
  for (const Word& w : cmd.assignments) check(w);
  if (name == "export") {
    for (const Word& w : cmd.args) check(w);
  } else if (name == "env") {
    for (const Word& w : cmd.args) {
      if (w.value.starts_with("-")) continue;
      if (w.value.find('=') == std::string::npos) break;  // the command env runs
      check(w);
    }
  }
}

bool is_pip(std::string_view name, const Command& cmd) {
  if (name == "pip" || name.starts_with("pip3") || name == "pip2") return true;
  if (!name.starts_with("python")) return false;
  for (std::size_t i = 0; i + 1 < cmd.args.size(); ++i)
    if (cmd.args[i].value == "-m" && cmd.args[i + 1].value == "pip") return true;
  return false;
}

// `npm config set strict-ssl false`, `npm set strict-ssl=false`, `yarn config set
// enableStrictSsl false`.
void package_manager_config(const Command& cmd, std::string_view tool,
                            std::vector<VerificationBypass>& out) {
  auto ops = operands(cmd);
  std::size_t key = 0;
  if (ops.size() >= 2 && one_of(ops[0]->value, {"config", "c"}) && ops[1]->value == "set")
    key = 2;
  else if (!ops.empty() && ops[0]->value == "set")
    key = 1;
  else
    return;
  if (key >= ops.size() || !ops[key]->literal) return;
  std::string_view k = ops[key]->value;
  std::string_view value;
  Span span = ops[key]->span;
  if (auto eq = k.find('='); eq != std::string_view::npos) {
    value = k.substr(eq + 1);
    k = k.substr(0, eq);
  } else if (key + 1 < ops.size() && ops[key + 1]->literal) {
    value = ops[key + 1]->value;
    span = span.cover(ops[key + 1]->span);
  }
  if ((k == "strict-ssl" || k == "enableStrictSsl") && value == "false")
    add(out, span, fmt::format("{} config set {} false", tool, k),
        fmt::format("{} accepts any registry certificate", tool));
}

// `git config --global http.sslVerify false`, `git -c http.sslVerify=false clone ...`.
void git_bypasses(const Command& cmd, std::vector<VerificationBypass>& out) {
  auto is_ssl_verify = [](std::string_view key) {
    std::string k = lower(key);
    return k.starts_with("http.") && k.ends_with(".sslverify");
  };
  const std::string effect = "git accepts any server certificate";
  std::size_t i = 0;
  for (; i < cmd.args.size(); ++i) {
    const Word& w = cmd.args[i];
    if ((w.value == "-c" || w.value == "-C") && i + 1 < cmd.args.size()) {
      const Word& pair = cmd.args[++i];
      auto eq = pair.value.find('=');
      if (w.value == "-c" && pair.literal && eq != std::string::npos &&
          is_ssl_verify(pair.value.substr(0, eq)) && falsy(pair.value.substr(eq + 1)))
        add(out, w.span.cover(pair.span), "git -c " + pair.value, effect);
      continue;
    }
    if (!w.value.starts_with("-")) break;
  }
  if (i >= cmd.args.size() || cmd.args[i].value != "config") return;
  std::vector<const Word*> rest;
  for (std::size_t j = i + 1; j < cmd.args.size(); ++j) {
    const Word& w = cmd.args[j];
    if (one_of(w.value, {"-f", "--file", "--blob", "--type"})) {
      ++j;
    } else if (!w.value.starts_with("-")) {
      rest.push_back(&w);
    }
  }
  if (!rest.empty() && rest[0]->value == "set") rest.erase(rest.begin());
  if (rest.size() >= 2 && rest[0]->literal && rest[1]->literal && is_ssl_verify(rest[0]->value) &&
      falsy(rest[1]->value))
    add(out, rest[0]->span.cover(rest[1]->span),
        fmt::format("git config {} {}", rest[0]->value, rest[1]->value), effect);
}

// `--setopt=sslverify=0`, `--setopt=*.gpgcheck=0`, `setopt sslverify=false` (dnf5).
void setopt_bypasses(const Command& cmd, std::string_view option, std::string_view setting_name,
                     std::string effect, std::vector<VerificationBypass>& out) {
  for (const Word& w : cmd.args) {
    if (!w.literal) continue;
    std::string_view a = w.value;
    if (a.starts_with("--setopt=")) a.remove_prefix(9);
    auto eq = a.rfind('=');
    if (eq == std::string_view::npos) continue;
    std::string key = lower(a.substr(0, eq));
    if ((key == option || key.ends_with(fmt::format(".{}", option))) && falsy(a.substr(eq + 1)))
      add(out, w.span, fmt::format("{} {}", setting_name, w.value), effect);
  }
}

bool is_rpm_package_manager(std::string_view name) {
  return one_of(
      name, {"yum", "dnf", "dnf5", "tdnf", "microdnf", "yum-config-manager", "dnf-config-manager"});
}

}  // namespace

std::optional<std::string> tls_bypass_by_variable(std::string_view name, std::string_view value) {
  if (name == "PYTHONHTTPSVERIFY" && value == "0")
    return "Python's HTTPS clients skip certificate checks (PEP 493)";
  if (name == "NODE_TLS_REJECT_UNAUTHORIZED" && value == "0")
    return "Node.js accepts any TLS certificate";
  if (lower(name) == "npm_config_strict_ssl" && value == "false")
    return "npm accepts any registry certificate";
  if (name == "YARN_ENABLE_STRICT_SSL" && value == "false")
    return "yarn accepts any registry certificate";
  if (name == "GIT_SSL_NO_VERIFY")
    return "git accepts any server certificate (git only checks that the variable is set: "
           "even 0 turns verification off)";
  if (name == "PIP_TRUSTED_HOST" && !value.empty())
    return fmt::format("pip skips certificate checks for {} and accepts plain HTTP from it", value);
  return std::nullopt;
}

std::vector<VerificationBypass> tls_bypasses(const Command& cmd) {
  std::vector<VerificationBypass> out;
  if (!cmd.name.literal) return out;
  std::string_view name = basename(cmd.name.value);
  environment_bypasses(cmd, name, out);
  if (name == "curl") {
    for (const auto& hit :
         option_words(cmd, {"insecure", "proxy-insecure"}, 'k', "AbcCdDeEFHKmoPQrtTuUwxXyYz"))
      add(out, hit, "curl " + hit.word->value,
          "curl accepts any certificate, so anyone on the network path can replace the "
          "download");
  } else if (name == "wget") {
    for (const auto& hit : option_words(cmd, {"no-check-certificate"}))
      add(out, hit, "wget --no-check-certificate",
          "wget accepts any certificate, so anyone on the network path can replace the "
          "download");
  } else if (is_pip(name, cmd)) {
    for (const auto& hit : option_words(cmd, {"trusted-host"}))
      add(out, hit.word->span, "pip --trusted-host",
          "pip skips certificate checks for that host and accepts plain HTTP from it");
    auto ops = operands(cmd, {"-m"});
    if (ops.size() >= 4 && ops[0]->value == "config" && ops[1]->value == "set" &&
        (ops[2]->value.ends_with(".trusted-host")))
      add(out, ops[2]->span.cover(ops[3]->span), "pip config set " + ops[2]->value,
          "pip skips certificate checks for that host and accepts plain HTTP from it");
  } else if (name == "npm" || name == "yarn" || name == "pnpm") {
    package_manager_config(cmd, name, out);
    for (const auto& hit : option_words(cmd, {"strict-ssl", "no-strict-ssl"})) {
      std::string_view v = hit.word->value;
      if (v == "--no-strict-ssl" || v == "--strict-ssl=false")
        add(out, hit, fmt::format("{} {}", name, v),
            fmt::format("{} accepts any registry certificate", name));
    }
  } else if (name == "git") {
    git_bypasses(cmd, out);
  } else if (is_rpm_package_manager(name)) {
    setopt_bypasses(cmd, "sslverify", name,
                    fmt::format("{} accepts any repository certificate", name), out);
  }
  return out;
}

std::vector<VerificationBypass> signature_bypasses(const Command& cmd) {
  std::vector<VerificationBypass> out;
  if (!cmd.name.literal) return out;
  std::string_view name = basename(cmd.name.value);
  if (name == "apk") {
    for (const auto& hit : option_words(cmd, {"allow-untrusted"}))
      add(out, hit, "apk --allow-untrusted",
          "apk installs packages that are unsigned or signed by an unknown key");
  } else if (name == "apt-get" || name == "apt" || name == "aptitude") {
    for (const auto& hit : option_words(cmd, {"allow-unauthenticated"}))
      add(out, hit, fmt::format("{} --allow-unauthenticated", name),
          fmt::format("{} installs packages it cannot authenticate", name));
    for (const auto& hit : option_words(cmd, {"allow-insecure-repositories"}))
      add(out, hit, fmt::format("{} --allow-insecure-repositories", name),
          fmt::format("{} reads package lists from unsigned repositories", name));
    for (const auto& hit : option_words(cmd, {"force-yes"}))
      add(out, hit, fmt::format("{} --force-yes", name),
          fmt::format("{} installs unauthenticated packages, downgrades and removes held "
                      "packages without asking (deprecated since apt 1.1; use the specific "
                      "--allow-* option you need, if any)",
                      name));
    for (std::size_t i = 0; i < cmd.args.size(); ++i) {
      const Word& w = cmd.args[i];
      std::string_view value = w.value;
      Span span = w.span;
      if (value == "-o" && i + 1 < cmd.args.size()) {
        value = cmd.args[i + 1].value;
        span = span.cover(cmd.args[i + 1].span);
      } else if (value.starts_with("-o")) {
        value.remove_prefix(2);
      } else {
        continue;
      }
      auto eq = value.find('=');
      if (eq == std::string_view::npos) continue;
      std::string key = lower(value.substr(0, eq));
      if ((key == "apt::get::allowunauthenticated" ||
           key == "acquire::allowinsecurerepositories") &&
          !falsy(value.substr(eq + 1)))
        add(out, span, fmt::format("{} -o {}", name, value),
            fmt::format("{} installs packages it cannot authenticate", name));
    }
  } else if (is_rpm_package_manager(name)) {
    for (const auto& hit : option_words(cmd, {"nogpgcheck"}))
      add(out, hit, fmt::format("{} --nogpgcheck", name),
          fmt::format("{} installs packages without checking their GPG signatures", name));
    setopt_bypasses(cmd, "gpgcheck", name,
                    fmt::format("{} installs packages without checking their GPG signatures", name),
                    out);
  } else if (name == "zypper") {
    for (const auto& hit : option_words(cmd, {"no-gpg-checks"}))
      add(out, hit, "zypper --no-gpg-checks",
          "zypper installs packages without checking their GPG signatures");
  } else if (name == "rpm") {
    for (const auto& hit :
         option_words(cmd, {"nosignature", "nodigest", "nofiledigest", "noverify"}))
      add(out, hit, "rpm " + hit.word->value,
          "rpm installs the package without checking its signature or digests");
  }
  return out;
}

std::optional<Span> option_removal_span(std::string_view text, Span word, char escape) {
  auto blank = [&](std::size_t i) { return text[i] == ' ' || text[i] == '\t'; };
  std::size_t begin = word.begin;
  while (begin > 0 && blank(begin - 1)) --begin;
  std::size_t end = word.end;
  while (end < text.size() && blank(end)) ++end;
  bool starts_line = begin == 0 || text[begin - 1] == '\n';
  if (!starts_line) return Span{begin, word.end};
  auto at_line_end = [&](std::size_t i) {
    return i >= text.size() || text[i] == '\n' ||
           (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
  };
  if (end < text.size() && text[end] == escape && at_line_end(end + 1)) {
    std::size_t after = end + 1;
    while (after < text.size() && text[after] != '\n') ++after;
    return Span{begin, std::min(after + 1, text.size())};
  }
  if (!at_line_end(end)) return Span{word.begin, end};
  // The word ends the instruction: drop the continuation that led to it.
  if (begin == 0) return std::nullopt;
  std::size_t p = begin - 1;
  if (p > 0 && text[p - 1] == '\r') --p;
  if (p == 0 || text[p - 1] != escape) return std::nullopt;
  --p;
  while (p > 0 && blank(p - 1)) --p;
  return Span{p, word.end};
}

}  // namespace infralint
