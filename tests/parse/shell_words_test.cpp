#include <doctest/doctest.h>

#include "core/mapped_text.hpp"
#include "parse/shell/shell.hpp"
#include "parse/shell/word_text.hpp"

using infralint::MappedText;
using infralint::shell::interpret_word;

namespace {

infralint::shell::Script parse_text(std::string_view text) {
  MappedText mapped;
  mapped.append_source(text, {0, text.size()});
  return infralint::shell::parse(mapped);
}

}  // namespace

TEST_CASE("shell words: quotes are removed the way the shell removes them") {
  CHECK(interpret_word("plain").value == "plain");
  CHECK(interpret_word("'a \\\"b'").value == "a \\\"b");
  CHECK(interpret_word(R"("a\"b\\c\$d\`e\nf")").value == R"(a"b\c$d`e\nf)");
  CHECK(interpret_word(R"(a"b"'c'd)").value == "abcd");
  CHECK(interpret_word(R"(a\ b\*c)").value == "a b*c");
  CHECK(interpret_word("\"line\\\ncontinued\"").value == "linecontinued");
  CHECK(interpret_word("trailing\\").value == "trailing\\");
  CHECK(interpret_word("price$").value == "price$");
  CHECK(interpret_word("\"$\"").literal);
  CHECK(interpret_word("").literal);
}

TEST_CASE("shell words: expansions, substitutions and globs are not literal") {
  for (const char* raw : {"$HOME", "${X:-y}", "\"$X\"", "$(id)", "`id`", "$((1+2))", "$1", "$@",
                          "*.txt", "file?", "[ab]c", "~/x", "~", "{a,b}", "{1..3}", "$'\\n'",
                          "$\"msg\"", "curl=7.*", "'unterminated"}) {
    CAPTURE(raw);
    CHECK_FALSE(interpret_word(raw).literal);
  }
  for (const char* raw : {"'$HOME'", "\\$HOME", "\"\\$HOME\"", "'*'", "\\*", "\"*.txt\"", "[", "]",
                          "{}", "{", "a~b", "--opt=x", "key=value", "'~'"}) {
    CAPTURE(raw);
    CHECK(interpret_word(raw).literal);
  }
}

TEST_CASE("shell words: literal arguments carry unquoted values, others raw text") {
  auto script = parse_text(R"(echo "a b" 'c $d' e\ f "g\"h" $HOME "x$Y" a"b"'c' \ lead)");
  REQUIRE(script.commands.size() == 1);
  const auto& args = script.commands[0].args;
  REQUIRE(args.size() == 8);
  CHECK(args[0].value == "a b");
  CHECK(args[0].literal);
  CHECK(args[1].value == "c $d");
  CHECK(args[1].literal);
  CHECK(args[2].value == "e f");
  CHECK(args[3].value == "g\"h");
  CHECK_FALSE(args[4].literal);
  CHECK(args[4].value == "$HOME");
  CHECK_FALSE(args[5].literal);
  CHECK(args[5].value == "\"x$Y\"");
  CHECK(args[6].value == "abc");
  CHECK(args[6].literal);
  // tree-sitter-bash drops a leading `\ `; the word keeps it.
  CHECK(args[7].value == " lead");
  CHECK(args[7].span.begin == 50);
}

TEST_CASE("shell words: `$\"...\"` split by tree-sitter stays one word") {
  auto script = parse_text(R"(echo $"hello" done)");
  REQUIRE(script.commands.size() == 1);
  const auto& args = script.commands[0].args;
  REQUIRE(args.size() == 2);
  CHECK(args[0].value == R"($"hello")");
  CHECK_FALSE(args[0].literal);
  CHECK(args[1].value == "done");
}

TEST_CASE("shell words: a quoted command name is unquoted") {
  auto script = parse_text(R"("/usr/bin/env" 'python3' -V)");
  REQUIRE(script.commands.size() == 1);
  CHECK(script.commands[0].name.value == "/usr/bin/env");
  CHECK(script.commands[0].name.literal);
  CHECK(script.commands[0].args[0].value == "python3");
  CHECK_FALSE(script.uses_shell_features);
}

TEST_CASE("shell words: an escaped backslash does not escape the blank after it") {
  auto script = parse_text(R"(echo a\\ b)");
  REQUIRE(script.commands.size() == 1);
  REQUIRE(script.commands[0].args.size() == 2);
  CHECK(script.commands[0].args[0].value == "a\\");
  CHECK(script.commands[0].args[1].value == "b");

  auto lone = parse_text(R"(echo \\ b)");
  REQUIRE(lone.commands.size() == 1);
  REQUIRE(lone.commands[0].args.size() == 2);
  CHECK(lone.commands[0].args[0].value == "\\");
  CHECK(lone.commands[0].args[1].value == "b");
}
