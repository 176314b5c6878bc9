#include "model/secrets.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <utility>
#include <vector>

namespace infralint {
namespace {

struct SecretShape {
  const char* what;
  RE2 pattern;
};

// Compiled once; RE2 matching is thread-safe and linear in the value's length.
const std::array<SecretShape, 9>& secret_shapes() {
  static const std::array<SecretShape, 9> shapes{{
      {"an AWS access key id", RE2(R"(\b(?:AKIA|ASIA)[0-9A-Z]{16}\b)")},
      {"a GitHub token", RE2(R"(\bgh[pousr]_[A-Za-z0-9]{36,})")},
      {"a GitHub token", RE2(R"(\bgithub_pat_[A-Za-z0-9_]{22,})")},
      {"a Slack token", RE2(R"(\bxox[baprs]-[A-Za-z0-9-]{10,})")},
      {"a private key", RE2(R"(-----BEGIN[A-Z ]*PRIVATE KEY-----)")},
      {"a Stripe live key", RE2(R"(\b[sr]k_live_[0-9A-Za-z]{16,})")},
      {"a Google API key", RE2(R"(\bAIza[0-9A-Za-z_-]{35})")},
      {"a JSON Web Token", RE2(R"(\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*)")},
      {"a URL with a password", RE2(R"((?i)\b[a-z][a-z0-9+.-]*://[^/\s:@]*:([^/\s@]+)@)")},
  }};
  return shapes;
}

// What the value looks like, or nullopt when it has no known secret shape.
std::optional<std::string_view> secret_shape(const std::string& value) {
  for (const SecretShape& shape : secret_shapes()) {
    if (shape.pattern.NumberOfCapturingGroups() == 1) {
      std::string password;
      // A password that is itself a reference ($(VAR), ${VAR}) is not a literal.
      if (RE2::PartialMatch(value, shape.pattern, &password) && !password.starts_with('$'))
        return shape.what;
    } else if (RE2::PartialMatch(value, shape.pattern)) {
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
