#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace infralint {

// One line of a .dockerignore: a pattern, `!` for an exception. Matching follows moby's
// patternmatcher: paths are relative to the build context, `*` and `?` stay inside one path
// segment, `**` spans any number of segments, a pattern that matches a directory matches
// everything under it, and the last matching line decides.
struct IgnorePattern {
  std::string pattern;  // cleaned: no leading `/` or `./`, no trailing `/`
  bool exception = false;
  std::size_t line = 0;  // 1-based line in the file
};

std::vector<IgnorePattern> parse_dockerignore(std::string_view text);

// The line that excludes `path` (relative to the context), or nothing when it is sent.
std::optional<IgnorePattern> dockerignore_excludes(const std::vector<IgnorePattern>& patterns,
                                                   std::string_view path);

// The .dockerignore that applies to the Dockerfile at `dockerfile_path` when the build context
// is its directory: `<name>.dockerignore` beside it, else `.dockerignore`; nothing when neither
// exists. `ignore_file` receives its path.
std::optional<std::string> read_dockerignore(const std::string& dockerfile_path,
                                             std::string& ignore_file);

}  // namespace infralint
