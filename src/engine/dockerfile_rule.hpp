#pragma once
#include <functional>
#include <string_view>

#include "engine/rule.hpp"
#include "model/dockerfile_stages.hpp"
#include "parse/dockerfile/ast.hpp"

namespace infralint {

// Base of rules that read a Dockerfile's syntax tree.
class DockerfileRule : public Rule {
 public:
  using Rule::Rule;
  void check(const Document& doc, FindingSink& sink) const final {
    if (const auto* file = doc.tree<dockerfile::File>()) check(doc, *file, sink);
  }

 protected:
  virtual void check(const Document& doc, const dockerfile::File& file,
                     FindingSink& sink) const = 0;
};

// Calls `visit` for every instruction of `file` with the keyword, including those wrapped in
// ONBUILD (they run in child images, and have the same problems there).
void for_each_instruction(const dockerfile::File& file, dockerfile::Keyword keyword,
                          const std::function<void(const dockerfile::Instruction&)>& visit);

// Calls `visit` for every simple command named `name` in the shell code of RUN instructions.
void for_each_run_command(
    const dockerfile::File& file, std::string_view name,
    const std::function<void(const dockerfile::Instruction&, const shell::Command&)>& visit);

// Replacement text for a keyword, in the casing the author used for the original.
std::string keyword_in_casing_of(std::string_view original, std::string_view upper_keyword);

}  // namespace infralint
