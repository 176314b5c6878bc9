#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/dockerfile/ast.hpp"

namespace infralint::dockerfile {

// Names in scope and their values; a declared name without a known value maps to nullopt.
using Variables = std::map<std::string, std::optional<std::string>, std::less<>>;

// Expands $v, ${v}, ${v:-w}, ${v-w}, ${v:+w}, ${v+w}, ${v:?m}, ${v?m}, ${v#p} ... as BuildKit's
// shell lexer does (quotes and escapes processed; single quotes prevent expansion). Returns
// nullopt when a variable it needs is unknown or has no value.
std::optional<std::string> expand(std::string_view word, const Variables& vars, char escape = '\\');

// The variables an instruction can see: global ARGs for FROM lines; inside a stage the ARGs
// redeclared or declared in it (defaults from the global ARG when not given), ENVs so far,
// inherited from the parent stage, and BuildKit's predefined ARGs (unknown values).
// Computed once per instruction of a parsed file (remembered in the File).
const Variables& variables_at(const File& file, std::size_t instruction_index);

// Whether BuildKit knows `name` without a declaration (proxy, platform and BUILDKIT_* ARGs).
bool is_predefined_arg(std::string_view name);

// A variable that a word expands, as written in `word` (the raw text).
struct VariableUse {
  std::string name;
  std::size_t offset = 0;     // of its `$` in the word; npos when not found literally
  std::size_t length = 0;     // of `$name` / `${name`
  bool has_fallback = false;  // ${name:-w} ${name-w} ${name:+w} ${name+w} ${name:?m} ${name?m}
};

// The variables `word` expands (quotes and escapes respected), in order, each once.
std::vector<VariableUse> variable_uses(std::string_view word, char escape = '\\');

// The name in `vars` closest to `name` (a likely typo), if any is close enough.
std::optional<std::string> closest_variable(std::string_view name, const Variables& vars);

}  // namespace infralint::dockerfile
