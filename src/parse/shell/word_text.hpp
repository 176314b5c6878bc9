#pragma once
#include <string>
#include <string_view>

namespace infralint::shell {

// What the shell makes of one word's source text, without running anything.
struct WordText {
  std::string value;    // quotes removed and escapes applied; meaningful only when literal
  bool literal = true;  // false on any expansion, substitution, glob, tilde or brace expansion
};

// Interprets the raw text of one shell word: single quotes are verbatim, double quotes keep
// everything but the escapes \" \\ \$ \` and \<newline>, an unquoted backslash quotes the next
// byte. `$'...'` and `$"..."` count as expansions.
WordText interpret_word(std::string_view raw);

}  // namespace infralint::shell
