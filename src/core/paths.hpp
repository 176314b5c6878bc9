#pragma once
// Path text that is normal already is only checked, never rebuilt: std::filesystem splits every
// path it is given into components, which over thousands of files was a visible part of the
// serial work before and after the lint.
#include <optional>
#include <string>
#include <string_view>

namespace infralint::paths {

// Absolute, without empty, `.` or `..` components and without a trailing slash ("/" is).
bool is_absolute_normal(std::string_view path);

// Absolute normal as above, or relative with the same constraints (and not empty): what
// std::filesystem's lexically_normal() gives back unchanged.
bool is_normal(std::string_view path);

// The working directory, or "" when it cannot be read.
std::string working_directory();

// `path` made absolute against `cwd` (the run's working directory; nothing in infralint
// changes it) and lexically normal, as std::filesystem's absolute().lexically_normal().
std::string absolute_normal(const std::string& path, const std::string& cwd);

// The directory part, as std::filesystem::path::parent_path() gives it.
std::string parent_of(const std::string& path);

// std::filesystem::canonical of an existing directory, asked of the kernel in one walk (open it,
// read /proc/self/fd): the library asks about every component in turn. nullopt when the
// directory cannot be opened or /proc is not there; the caller falls back.
std::optional<std::string> canonical_directory(const std::string& directory);

}  // namespace infralint::paths
