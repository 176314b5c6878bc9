#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/document.hpp"
#include "core/edit.hpp"

namespace infralint {

// Where a `# infralint: ignore[...]` comment for a finding at `offset` goes: the start of the
// line holding it (a Dockerfile instruction's first line), or nothing when a comment line there
// would change the file's meaning (inside a multi-line YAML scalar) or the format has no
// comments (railway.json). `doc` must be parsed.
std::optional<std::size_t> suppression_line_start(const Document& doc, std::size_t offset);

// The edit inserting `# infralint: ignore[a,b] reason` above the line starting at
// `line_start`, indented like that line.
Edit suppression_comment_edit(const Document& doc, std::size_t line_start,
                              const std::set<std::string_view>& rules, std::string_view reason);

}  // namespace infralint
