#pragma once
#include <string>
#include <string_view>

namespace infralint {

// Replaces `path` with `text` atomically (temp file in the same directory, then rename), keeping
// the file's mode, and only if the file still holds `expected` (what was read and linted).
// Returns an empty string on success, else why nothing was written.
std::string write_file_if_unchanged(const std::string& path, std::string_view expected,
                                    std::string_view text);

// Creates `path` with `text`, only if nothing is there yet (never overwrites); its directory
// must exist. Returns an empty string on success, else why nothing was written.
std::string create_new_file(const std::string& path, std::string_view text);

}  // namespace infralint
