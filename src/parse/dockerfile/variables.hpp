#pragma once
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/dockerfile/ast.hpp"

namespace infralint::dockerfile {

// Names in scope and their values; a declared name without a known value has nullopt.
// Scopes made by variables_at also hold BuildKit's predefined ARGs (unknown values) without
// storing them: copied with every ARG and ENV, their 26 entries were 4 % of a corpus run.
class Variables {
 public:
  using Value = std::optional<std::string>;

  Variables() = default;
  Variables(std::initializer_list<std::pair<const std::string, Value>> declared)
      : declared_(declared) {}
  // An empty scope that holds the predefined ARGs: where every scope starts.
  static Variables with_predefined();

  // The value of `name` in scope, or nullptr when it is not in scope.
  const Value* find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != nullptr; }
  // The value of `name`, which must be in scope (std::out_of_range otherwise).
  const Value& at(std::string_view name) const;

  void set(const std::string& name, Value value);
  // Puts `name` in scope with an unknown value unless it is in scope already.
  void declare(const std::string& name);

  // Every name in scope with its value: the declared ones in order, then the predefined ones
  // not declared.
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (const auto& [name, value] : declared_) visit(name, value);
    if (with_predefined_) for_each_predefined_undeclared(visit);
  }

 private:
  void for_each_predefined_undeclared(
      const std::function<void(std::string_view, const Value&)>& visit) const;

  std::map<std::string, Value, std::less<>> declared_;
  bool with_predefined_ = false;
};

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
