// Variable expansion and scoping as BuildKit's dockerfile2llb applies them.
#include "parse/dockerfile/variables.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <unordered_map>

#include "core/spelling.hpp"
#include "parse/dockerfile/internal.hpp"

namespace infralint::dockerfile {
namespace {

// Set by BuildKit for every build, so a default written in the Dockerfile never applies.
constexpr std::array<std::string_view, 8> kPlatformArgs = {
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
    "BUILDPLATFORM",  "BUILDOS",  "BUILDARCH",  "BUILDVARIANT"};

// Known to BuildKit without a declaration; their values depend on the build.
constexpr std::array<std::string_view, 18> kOtherPredefined = {"HTTP_PROXY",
                                                               "http_proxy",
                                                               "HTTPS_PROXY",
                                                               "https_proxy",
                                                               "FTP_PROXY",
                                                               "ftp_proxy",
                                                               "NO_PROXY",
                                                               "no_proxy",
                                                               "ALL_PROXY",
                                                               "all_proxy",
                                                               "BUILDKIT_BUILD_NAME",
                                                               "BUILDKIT_CACHE_MOUNT_NS",
                                                               "BUILDKIT_CONTEXT_KEEP_GIT_DIR",
                                                               "BUILDKIT_INLINE_CACHE",
                                                               "BUILDKIT_MULTI_PLATFORM",
                                                               "BUILDKIT_SANDBOX_HOSTNAME",
                                                               "BUILDKIT_SYNTAX",
                                                               "SOURCE_DATE_EPOCH"};

bool is_platform_arg(std::string_view name) {
  for (auto p : kPlatformArgs)
    if (p == name) return true;
  return false;
}

// The value every predefined ARG has: unknown, as it depends on the build.
const Variables::Value kUnknown;

// ARG inside or before a stage; `globals` supplies values for a bare `ARG name` in a stage.
void apply_arg(const Instruction& in, Variables& vars, const Variables* globals, char escape) {
  for (const KeyValue& kv : in.pairs) {
    const std::string& key = kv.key.value;
    if (is_platform_arg(key)) {
      vars.set(key, std::nullopt);
    } else if (kv.value) {
      vars.set(key, expand(kv.value->raw, vars, escape));
    } else if (const Variables::Value* global = globals ? globals->find(key) : nullptr) {
      vars.set(key, *global);
    } else {
      vars.declare(key);
    }
  }
}

// ENV: every value sees the variables from before the instruction.
void apply_env(const Instruction& in, Variables& vars, char escape) {
  std::vector<std::pair<std::string, std::optional<std::string>>> updates;
  for (const KeyValue& kv : in.pairs) {
    if (!kv.value) continue;
    auto key = expand(kv.key.raw, vars, escape);
    if (!key) continue;
    updates.emplace_back(*key, expand(kv.value->raw, vars, escape));
  }
  for (auto& [k, v] : updates) vars.set(k, std::move(v));
}

Variables global_variables(const File& file, std::size_t before) {
  Variables vars = Variables::with_predefined();
  std::size_t first_from = file.stages.empty() ? file.instructions.size() : file.stages[0].from;
  for (std::size_t j = 0; j < std::min(before, first_from); ++j)
    if (file.instructions[j].keyword == Keyword::arg)
      apply_arg(file.instructions[j], vars, nullptr, file.escape);
  return vars;
}

}  // namespace

Variables Variables::with_predefined() {
  Variables vars;
  vars.with_predefined_ = true;
  return vars;
}

const Variables::Value* Variables::find(std::string_view name) const {
  if (auto it = declared_.find(name); it != declared_.end()) return &it->second;
  return with_predefined_ && is_predefined_arg(name) ? &kUnknown : nullptr;
}

const Variables::Value& Variables::at(std::string_view name) const {
  if (const Value* value = find(name)) return *value;
  throw std::out_of_range("Variables::at: " + std::string(name) + " is not in scope");
}

void Variables::set(const std::string& name, Value value) {
  if (auto it = declared_.find(name); it != declared_.end())
    it->second = std::move(value);
  else
    declared_.emplace(name, std::move(value));
}

void Variables::declare(const std::string& name) {
  if (!contains(name)) declared_.emplace(name, std::nullopt);
}

void Variables::for_each_predefined_undeclared(
    const std::function<void(std::string_view, const Value&)>& visit) const {
  auto visit_undeclared = [&](std::string_view name) {
    if (!declared_.contains(name)) visit(name, kUnknown);
  };
  for (std::string_view name : kPlatformArgs) visit_undeclared(name);
  for (std::string_view name : kOtherPredefined) visit_undeclared(name);
}

std::optional<std::string> expand(std::string_view word, const Variables& vars, char escape) {
  if (detail::lexes_as_itself(word, escape)) return std::string(word);
  detail::LexOptions options;
  options.escape = escape;
  detail::VarLookup lookup = [&vars](std::string_view name, std::string& value) {
    const Variables::Value* found = vars.find(name);
    if (!found) return detail::VarState::unset;
    if (!*found) return detail::VarState::unknown;
    value = **found;
    return detail::VarState::set;
  };
  detail::LexResult r = detail::lex(word, options, lookup);
  if (!r.ok || r.used_unknown) return std::nullopt;
  return std::move(r.result);
}

bool is_predefined_arg(std::string_view name) {
  if (is_platform_arg(name)) return true;
  for (auto p : kOtherPredefined)
    if (p == name) return true;
  return false;
}

std::vector<VariableUse> variable_uses(std::string_view word, char escape) {
  std::vector<VariableUse> uses;
  detail::LexOptions options;
  options.escape = escape;
  options.skip_unset = true;
  detail::VarLookup record = [&uses](std::string_view name, std::string&) {
    bool seen = std::any_of(uses.begin(), uses.end(),
                            [&](const VariableUse& u) { return u.name == name; });
    if (!seen) uses.push_back({std::string(name)});
    return detail::VarState::unset;
  };
  detail::lex(word, options, record);
  auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (VariableUse& use : uses) {
    use.offset = npos;
    for (std::size_t at = word.find('$'); at != std::string_view::npos; at = word.find('$', at + 1)) {
      bool braced = at + 1 < word.size() && word[at + 1] == '{';
      std::size_t name_at = at + (braced ? 2 : 1);
      if (word.substr(name_at, use.name.size()) != use.name) continue;
      std::size_t after = name_at + use.name.size();
      if (after < word.size() && is_name_char(word[after])) continue;
      use.offset = at;
      use.length = after - at;
      std::string_view rest = word.substr(after);
      if (braced && !rest.empty() && rest[0] == ':') rest.remove_prefix(1);
      use.has_fallback =
          braced && !rest.empty() && (rest[0] == '-' || rest[0] == '+' || rest[0] == '?');
      break;
    }
  }
  return uses;
}


std::optional<std::string> closest_variable(std::string_view name, const Variables& vars) {
  std::optional<std::string> best;
  // Tight: a stage may inherit variables from its base image (GOPATH is not a typo of PATH).
  std::size_t best_distance = name.size() >= 10 ? 3 : 2;
  std::optional<std::string> same_but_case;
  vars.for_each([&](std::string_view candidate, const Variables::Value&) {
    if (same_but_case || candidate == name || candidate.size() > name.size() + 3 ||
        name.size() > candidate.size() + 3)
      return;
    if (detail::to_lower(candidate) == detail::to_lower(name)) {
      same_but_case = std::string(candidate);
      return;
    }
    std::size_t d = edit_distance(name, candidate);
    if (d < best_distance && d < name.size()) {
      best_distance = d;
      best = std::string(candidate);
    }
  });
  return same_but_case ? same_but_case : best;
}

namespace {

// An instruction inside a stage (not its FROM): it sees the stage's variables, not the globals.
bool inside_stage(const File& file, const Instruction& at) {
  return at.stage != npos && at.stage < file.stages.size() && at.keyword != Keyword::from;
}

Variables compute_variables_at(const File& file, std::size_t instruction_index) {
  const auto& ins = file.instructions;
  if (instruction_index >= ins.size()) return global_variables(file, ins.size());
  const Instruction& at = ins[instruction_index];
  if (!inside_stage(file, at)) return global_variables(file, instruction_index);
  // Inside a stage the global ARGs are those before the first FROM: remembered once for all.
  const Variables& globals = variables_at(file, file.stages.front().from);

  // The chain of parent stages, oldest first (iteratively: chains may be long).
  std::vector<std::size_t> chain{at.stage};
  while (auto parent = file.stages[chain.back()].parent) {
    if (*parent >= chain.back()) break;
    chain.push_back(*parent);
  }
  Variables vars = Variables::with_predefined();
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    std::size_t s = *it;
    const Stage& stage = file.stages[s];
    std::size_t end = s + 1 < file.stages.size() ? file.stages[s + 1].from : ins.size();
    if (s == at.stage) end = instruction_index;
    for (std::size_t j = stage.from + 1; j < end && j < ins.size(); ++j) {
      if (ins[j].keyword == Keyword::arg) apply_arg(ins[j], vars, &globals, file.escape);
      if (ins[j].keyword == Keyword::env) apply_env(ins[j], vars, file.escape);
    }
  }
  return vars;
}

}  // namespace

// Instructions that change nothing share their predecessor's map, so a stage costs one map per
// ARG or ENV rather than one per instruction (copying the maps was 4 % of a corpus run).
struct VariablesMemo {
  std::unordered_map<std::size_t, std::shared_ptr<const Variables>> by_instruction;
};

namespace {

// Inside a stage and after its first instruction: what it sees is what the instruction before
// it saw, changed by that instruction.
bool follows_in_stage(const File& file, std::size_t index) {
  if (index >= file.instructions.size()) return false;
  const Instruction& at = file.instructions[index];
  return inside_stage(file, at) && index > file.stages[at.stage].from + 1;
}

}  // namespace

const Variables& variables_at(const File& file, std::size_t instruction_index) {
  if (!file.variables_memo) file.variables_memo = std::make_shared<VariablesMemo>();
  auto& known = file.variables_memo->by_instruction;
  if (auto it = known.find(instruction_index); it != known.end()) return *it->second;
  // A FROM after the first sees the global ARGs, as the first does: one map for all of them.
  if (instruction_index < file.instructions.size() && !file.stages.empty() &&
      instruction_index > file.stages.front().from &&
      !inside_stage(file, file.instructions[instruction_index])) {
    variables_at(file, file.stages.front().from);
    auto shared = known.at(file.stages.front().from);
    known.emplace(instruction_index, shared);
    return *shared;
  }
  // Back to the nearest instruction of the stage already answered, or to its first one.
  std::size_t start = instruction_index;
  while (!known.contains(start) && follows_in_stage(file, start)) --start;
  if (!known.contains(start))
    known.emplace(start, std::make_shared<const Variables>(compute_variables_at(file, start)));
  if (start == instruction_index) return *known.at(start);
  const Variables& globals = variables_at(file, file.stages.front().from);
  std::shared_ptr<const Variables> vars = known.at(start);
  for (std::size_t i = start + 1; i <= instruction_index; ++i) {
    const Instruction& before = file.instructions[i - 1];
    if (before.keyword == Keyword::arg || before.keyword == Keyword::env) {
      auto changed = std::make_shared<Variables>(*vars);
      if (before.keyword == Keyword::arg) apply_arg(before, *changed, &globals, file.escape);
      if (before.keyword == Keyword::env) apply_env(before, *changed, file.escape);
      vars = std::move(changed);
    }
    known.emplace(i, vars);
  }
  return *vars;
}

}  // namespace infralint::dockerfile
