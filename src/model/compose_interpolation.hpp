#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace infralint {

// Compose variable interpolation (Compose Specification "Interpolation", compose-go
// template/template.go): `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
// `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, `$$` for a literal `$`, defaults
// nesting further substitutions. A `$` followed by anything else is literal text.

// Whether the value substitutes a variable anywhere: its final text is known only at run time.
bool has_interpolation(std::string_view value);

// The first malformed substitution: where it starts in `value` (at its `$`), how long it is up
// to where the parser gave up, and what is wrong.
struct InterpolationError {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string message;
};
std::optional<InterpolationError> find_interpolation_error(std::string_view value);

}  // namespace infralint
