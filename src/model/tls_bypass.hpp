#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.hpp"
#include "parse/shell/shell.hpp"

namespace infralint {

// A switch or setting that turns a verification off: `curl -k`, `pip --trusted-host`,
// `apt-get --allow-unauthenticated`, `NODE_TLS_REJECT_UNAUTHORIZED=0`.
struct VerificationBypass {
  Span span;            // the words that say it
  std::string setting;  // as a user would search for it: "curl -k", "PYTHONHTTPSVERIFY=0"
  std::string effect;   // what stops being checked, as a clause: "curl accepts any certificate"
  // The one word (an option alone, not in a cluster) whose removal restores the check;
  // empty when the setting is not a removable word.
  Span removable;
};

// Options of `cmd` that turn off TLS certificate verification (curl, wget, pip, npm/yarn,
// git, yum/dnf), and `NAME=value` assignments in its environment (`FOO=0 cmd`, `export`,
// `env`) that do.
std::vector<VerificationBypass> tls_bypasses(const shell::Command& cmd);

// Options of `cmd` that install packages without checking their signatures (apk, apt-get,
// yum/dnf/tdnf/microdnf, rpm, zypper).
std::vector<VerificationBypass> signature_bypasses(const shell::Command& cmd);

// What setting environment variable `name` to `value` turns off, for variables that disable
// TLS verification (PYTHONHTTPSVERIFY=0, GIT_SSL_NO_VERIFY=anything, ...); nullopt otherwise.
std::optional<std::string> tls_bypass_by_variable(std::string_view name, std::string_view value);

// The span to delete to remove the option word at `word` from a command line in `text`: the
// word and the blanks before it, or its whole line when it stands alone on a continued line,
// or the continuation before it when it ends the instruction. nullopt when a comment line
// stands in the way.
std::optional<Span> option_removal_span(std::string_view text, Span word, char escape);

}  // namespace infralint
