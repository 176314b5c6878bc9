#pragma once
#include <optional>

#include "core/document.hpp"
#include "core/edit.hpp"
#include "model/railway_config.hpp"

namespace infralint::railway {

// The unsafe fix for a railway.toml holding `[[services]]` blocks (another tool's format):
// one railway.toml per service, in the service's `source` directory, with the settings
// Railway understands (its `build.*`/`deploy.*` keys, `healthcheck.path`/`timeout`); the
// variables it listed are named in a comment (Railway reads them from its dashboard, not
// from this file). The blocks in the original file are commented out, not deleted.
// Services without an existing `source` directory, or whose directory already has a
// Railway config, get no file. Nullopt when no file would be created, for JSON, and for
// text not read from a file.
std::optional<Fix> split_services(const Document& doc, const Config& config);

}  // namespace infralint::railway
