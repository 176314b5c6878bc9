#pragma once
#include <ostream>
#include <string>

#include "engine/runner.hpp"

namespace infralint {

struct TextStyle {
  bool color = false;
};

// `path:line:col: severity[rule-id] message`, a code frame with carets under the span, the fix
// if any, then a summary line.
void write_text(std::ostream& out, const RunResult& run, const TextStyle& style);

// The JSON contract of `check --format json` (see README): stable, extended never broken.
void write_json(std::ostream& out, const RunResult& run);

}  // namespace infralint
