#include "engine/dockerfile_rule.hpp"

#include <cctype>

namespace infralint {

using dockerfile::Instruction;
using dockerfile::Keyword;

void for_each_instruction(const dockerfile::File& file, Keyword keyword,
                          const std::function<void(const Instruction&)>& visit) {
  for (const Instruction& ins : file.instructions) {
    if (ins.keyword == keyword) visit(ins);
    if (ins.keyword == Keyword::onbuild && ins.onbuild && ins.onbuild->keyword == keyword)
      visit(*ins.onbuild);
  }
}

void for_each_run_command(
    const dockerfile::File& file, std::string_view name,
    const std::function<void(const Instruction&, const shell::Command&)>& visit) {
  for_each_instruction(file, Keyword::run, [&](const Instruction& run) {
    for (const shell::Script& script : run.scripts)
      for (const shell::Command& cmd : script.commands)
        if (cmd.name.literal && cmd.name.value == name) visit(run, cmd);
  });
}

std::string keyword_in_casing_of(std::string_view original, std::string_view upper_keyword) {
  bool lower = !original.empty() && std::islower(static_cast<unsigned char>(original[0]));
  std::string out(upper_keyword);
  if (lower)
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace infralint
