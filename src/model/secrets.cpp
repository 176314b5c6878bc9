#include "model/secrets.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace infralint {
namespace {

struct SecretShape {
  const char* what;
  // Text every match contains: a value holding none is not compared with the expression, and
  // the expression is compiled only when first needed (a one-file run compiled all nine).
  std::array<std::string_view, 2> needles;
  const char* expression;
};

constexpr std::array<SecretShape, 9> kSecretShapes{{
    {"an AWS access key id", {"AKIA", "ASIA"}, R"(\b(?:AKIA|ASIA)[0-9A-Z]{16}\b)"},
    {"a GitHub token", {"gh", {}}, R"(\bgh[pousr]_[A-Za-z0-9]{36,})"},
    {"a GitHub token", {"github_pat_", {}}, R"(\bgithub_pat_[A-Za-z0-9_]{22,})"},
    {"a Slack token", {"xox", {}}, R"(\bxox[baprs]-[A-Za-z0-9-]{10,})"},
    {"a private key", {"-----BEGIN", {}}, R"(-----BEGIN[A-Z ]*PRIVATE KEY-----)"},
    {"a Stripe live key", {"k_live_", {}}, R"(\b[sr]k_live_[0-9A-Za-z]{16,})"},
    {"a Google API key", {"AIza", {}}, R"(\bAIza[0-9A-Za-z_-]{35})"},
    {"a JSON Web Token", {"eyJ", {}}, R"(\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*)"},
    {"a URL with a password", {"://", {}}, R"((?i)\b[a-z][a-z0-9+.-]*://[^/\s:@]*:([^/\s@]+)@)"},
}};

// Compiled on first use; RE2 matching is thread-safe and linear in the value's length.
const RE2& compiled(std::size_t shape) {
  static std::array<std::once_flag, kSecretShapes.size()> once;
  static std::array<std::optional<RE2>, kSecretShapes.size()> patterns;
  std::call_once(once[shape], [shape] { patterns[shape].emplace(kSecretShapes[shape].expression); });
  return *patterns[shape];
}

// What the value looks like, or nullopt when it has no known secret shape.
std::optional<std::string_view> secret_shape(const std::string& value) {
  for (std::size_t i = 0; i < kSecretShapes.size(); ++i) {
    const SecretShape& shape = kSecretShapes[i];
    if (std::none_of(shape.needles.begin(), shape.needles.end(), [&](std::string_view n) {
          return !n.empty() && value.find(n) != std::string::npos;
        }))
      continue;
    const RE2& pattern = compiled(i);
    if (pattern.NumberOfCapturingGroups() == 1) {
      std::string password;
      // A password that is itself a reference ($(VAR), ${VAR}) is not a literal.
      if (RE2::PartialMatch(value, pattern, &password) && !password.starts_with('$'))
        return shape.what;
    } else if (RE2::PartialMatch(value, pattern)) {
      return shape.what;
    }
  }
  return std::nullopt;
}

// The words of a name, upper-cased: "dbPassword" and "DB_PASSWORD" both give DB, PASSWORD.
std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::exchange(word, {}));
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    unsigned char ch = name[i];
    if (!std::isalnum(ch)) {
      flush();
      continue;
    }
    if (std::isupper(ch) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]))) flush();
    word.push_back(static_cast<char>(std::toupper(ch)));
  }
  flush();
  return words;
}

bool one_of(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Flags, placeholders and references rather than secrets.
bool value_is_not_a_secret(std::string_view name, std::string_view value) {
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return lower.empty() || one_of(lower, {"true", "false", "yes", "no", "on", "off", "0", "1"}) ||
         value == name || (value.starts_with('<') && value.ends_with('>')) ||
         lower.starts_with("/run/secrets/") || value.find("$(") != std::string_view::npos;
}

}  // namespace

bool name_says_secret(std::string_view name) {
  std::vector<std::string> words = words_of(name);
  if (words.empty()) return false;
  // The variable holds where or how the secret is, not the secret.
  if (one_of(words.back(),
             {"FILE",     "PATH",     "DIR",    "FILENAME", "LOCATION", "NAME",    "ID",
              "URL",      "HOST",     "PORT",   "USER",     "USERNAME", "ENABLED", "ENABLE",
              "DISABLED", "REQUIRED", "LENGTH", "TTL",      "EXPIRY",   "EXPIRES", "EXPIRATION",
              "TIMEOUT",  "HEADER",   "TYPE",   "POLICY",   "MODE",     "PREFIX"}))
    return false;
  if (words.back() == "AUTH") return true;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (one_of(words[i], {"PASSWORD", "PASSWD", "PASS", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY",
                          "CREDENTIALS", "CREDS"}))
      return true;
    if (i + 1 < words.size() && words[i + 1] == "KEY" &&
        one_of(words[i], {"API", "PRIVATE", "ACCESS", "ENCRYPTION", "SIGNING"}))
      return true;
  }
  return false;
}

std::optional<SecretEvidence> classify_secret(std::string_view name, std::string_view value) {
  if (value.empty()) return std::nullopt;
  if (auto shape = secret_shape(std::string(value))) return SecretEvidence{std::string(*shape), true};
  if (name_says_secret(name) && !value_is_not_a_secret(name, value)) return SecretEvidence{"", false};
  return std::nullopt;
}

}  // namespace infralint
