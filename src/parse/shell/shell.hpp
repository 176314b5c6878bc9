#pragma once
#include <string>
#include <vector>

#include "core/mapped_text.hpp"
#include "core/span.hpp"

namespace infralint::shell {

// One word of a simple command. `value` is the word with quotes removed when the word is a
// literal (no expansion, substitution or glob); otherwise `literal` is false and `value` holds
// the raw text. Spans are offsets in the parent document (mapped through MappedText).
struct Word {
  std::string value;
  Span span;
  bool literal = true;
};

// A simple command anywhere in the script: inside lists (`a && b`), pipelines, subshells,
// command substitutions, if/for/while bodies, functions.
struct Command {
  Word name;  // the command word after leading variable assignments (`FOO=1 cmd`)
  std::vector<Word> args;
  std::vector<Word> assignments;  // the leading `FOO=1` words, in the command's environment
  Span span;
  bool in_pipeline = false;  // a stage of a pipeline with more than one command
  // Which pipeline of the script the command is a stage of (stages of `a | b` share it);
  // -1 when not in a pipeline.
  int pipeline = -1;
};

struct Script {
  std::vector<Command> commands;  // in source order
  bool has_pipeline = false;
  // A syntax error somewhere; commands outside the broken region are still listed.
  bool has_error = false;
  // Anything beyond one command of literal words: operators, redirections, expansions,
  // substitutions, globs, assignments, compound statements. An exec-form rewrite is only
  // equivalent when this is false.
  bool uses_shell_features = false;
};

// Parses POSIX/bash shell text with tree-sitter-bash. Never fails: broken input gives a
// Script with has_error set. Thread-safe (each call uses its own parser).
Script parse(const MappedText& source);

}  // namespace infralint::shell
