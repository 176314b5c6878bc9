#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/compose_file.hpp"

namespace infralint {

// Checks against the Compose Specification's structure (src/model/compose_keys_table.hpp,
// derived from its JSON schema by scripts/compose_keys.py).

struct ComposeSchemaProblem {
  enum class Kind { unknown_key, wrong_type };
  Kind kind = Kind::unknown_key;
  const yaml::Pair* pair = nullptr;  // the offending key and its value
  std::string where;       // "service `web`", "the top level", "`deploy` of service `web`"
  std::string suggestion;  // unknown_key: the closest known key, or empty
  std::string expected;    // wrong_type: "a string", "a mapping or a string"
};

// Every key the specification does not know (where it lists the keys: `x-` extensions allowed
// where it allows them) and every value of a type it does not accept. Values containing
// interpolation, empty values, and values tagged `!reset` / `!override`, are never of a wrong
// type.
// Pairs merged from an anchor are reported once, at the anchor.
std::vector<ComposeSchemaProblem> compose_schema_problems(const ComposeFile& file);

}  // namespace infralint
