#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "policy/language.hpp"

namespace infralint::policy {

// `metadata.labels.team`, `spec.containers[*].image`, `metadata.labels["app.kubernetes.io/name"]`,
// `annotations.*`. Keys holding `.`, `[` or quotes are written quoted, in brackets or alone.
struct ParsedPath {
  Path path;
  std::string error;  // empty when the path is well-formed
  std::size_t error_offset = 0;
};
ParsedPath parse_path(std::string_view text);

// A concrete path for messages: `spec.containers[1].image`.
std::string append_key(const std::string& path, std::string_view key);
std::string append_index(const std::string& path, std::size_t index);

}  // namespace infralint::policy
