#pragma once
#include <ostream>
#include <string>
#include <string_view>

namespace infralint {

// `--- a/PATH` / `+++ b/PATH` and the unified hunks (3 lines of context) from before to after.
void write_unified_diff(std::ostream& out, const std::string& path, std::string_view before,
                        std::string_view after);

// A file a fix would create, as `git diff` shows a new file.
void write_new_file_diff(std::ostream& out, const std::string& path, std::string_view text);

}  // namespace infralint
