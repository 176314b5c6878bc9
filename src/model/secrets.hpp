#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace infralint {

// Why a literal value is taken for a secret: its shape ("an AWS access key id"), or its
// name (DB_PASSWORD) with a value that is not a flag, placeholder or reference.
struct SecretEvidence {
  std::string what;  // "an AWS access key id", or empty when the name says it
  bool by_shape = false;
};

// True when the name of a variable says it holds a secret (DB_PASSWORD, apiKey, GITHUB_TOKEN),
// not where or how the secret is (PASSWORD_FILE, TOKEN_URL).
bool name_says_secret(std::string_view name);

// Classifies `value` set under `name`; nullopt when it is not a secret. Patterns are re2,
// compiled once: linear time on any input.
std::optional<SecretEvidence> classify_secret(std::string_view name, std::string_view value);

}  // namespace infralint
