#pragma once
#include <string_view>

#include "core/kind.hpp"

namespace infralint {

// The format of a file, from its name when that is decisive (Dockerfile, compose.yaml,
// railway.toml, nginx.conf), else from its content (a YAML file's top-level keys, an nginx
// block). `text` may be empty when the caller has not read the file yet; then only the name
// is used and YAML/conf files whose kind needs content come back as `unknown`.
Kind detect_kind_by_name(std::string_view path);
Kind detect_kind(std::string_view path, std::string_view text);

// Whether the name alone makes a file worth reading to detect its kind (.yml, .yaml, .conf).
bool needs_content_detection(std::string_view path);

}  // namespace infralint
