#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/document.hpp"
#include "core/span.hpp"
#include "parse/dockerfile/ast.hpp"

namespace infralint {

std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);

// All lowercase or all uppercase ("RUN", "run"), as BuildKit's casing checks count them.
bool is_self_consistent_casing(std::string_view s);

// Whether most self-consistent instruction keywords of the file are lowercase (BuildKit's
// ConsistentInstructionCasing: ties count as uppercase).
bool majority_lowercase(const Document& doc, const dockerfile::File& file);

// A place that names a stage: `FROM <stage>`, `COPY --from=<stage>`, `RUN --mount=from=<stage>`.
struct StageReference {
  Span span;
  bool literal = true;  // the span holds exactly the name (no quotes, escapes, continuation)
};

// The references to the stage called `name` (compared case-insensitively, as BuildKit does).
std::vector<StageReference> stage_references(const Document& doc, const dockerfile::File& file,
                                             std::string_view name);

}  // namespace infralint
