// Lines, comments, continuations and parser directives (BuildKit parser.go, directives.go).
#include <doctest/doctest.h>

#include "dockerfile_test_support.hpp"

using namespace dockerfile_test;

TEST_CASE("dockerfile lexing: instructions are case-insensitive, leading whitespace ignored") {
  auto p = parse_text("from alpine\n   rUn echo hi\n\tCmd [\"x\"]\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 3);
  CHECK(p.at(0).keyword == Keyword::from);
  CHECK(p.at(1).keyword == Keyword::run);
  CHECK(p.slice(p.at(1).keyword_span) == "rUn");
  CHECK(p.at(1).keyword_span == Span{15, 18});
  CHECK(p.at(1).span == Span{15, 26});
  CHECK(p.at(1).arguments.text() == "echo hi");
  CHECK(p.at(1).arguments_span == Span{19, 26});
  CHECK(p.at(2).keyword == Keyword::cmd);
  CHECK(to_string(Keyword::healthcheck) == "HEALTHCHECK");
}

TEST_CASE("dockerfile lexing: comments only at the start of a line") {
  auto p = parse_text("# top\nFROM a\n  # indented\nRUN echo # literal\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->comments.size() == 2);
  CHECK(p.slice(p.file->comments[0]) == "# top");
  CHECK(p.slice(p.file->comments[1]) == "# indented");
  CHECK(p.at(1).arguments.text() == "echo # literal");
}

TEST_CASE("dockerfile lexing: continuation joins lines and maps back to the file") {
  std::string text = "FROM a\nRUN echo hello \\\n  world\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  const Instruction& run = p.at(1);
  // BuildKit keeps the spaces before `\` and the indentation of the next line.
  CHECK(run.arguments.text() == "echo hello   world");
  CHECK(run.span == Span{7, 31});
  CHECK(p.slice(run.span) == "RUN echo hello \\\n  world");
  CHECK(run.arguments_span == Span{11, 31});
  // "world" in the joined text maps to its bytes on the second line.
  std::size_t w = run.arguments.text().find("world");
  CHECK(run.arguments.to_parent(Span{w, w + 5}) == Span{26, 31});
  REQUIRE(run.words.size() == 3);
  CHECK(run.words[2].value == "world");
  CHECK(run.words[2].span == Span{26, 31});
}

TEST_CASE("dockerfile lexing: comment and empty lines inside a continuation are dropped") {
  auto p = parse_text("FROM a\nRUN echo hello \\\n# a comment\n\n   \n  # another\nworld\nRUN x\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 3);
  CHECK(p.at(1).arguments.text() == "echo hello world");
  CHECK(p.file->comments.size() == 2);
  CHECK(p.slice(p.file->comments[1]) == "# another");
  CHECK(p.slice(p.at(1).span).ends_with("world"));
}

TEST_CASE("dockerfile lexing: trailing whitespace after the escape still continues") {
  auto p = parse_text("FROM a\nRUN echo hello  \\  \t\nworld\n");
  REQUIRE(p.errors.empty());
  CHECK(p.at(1).arguments.text() == "echo hello  world");
}

TEST_CASE("dockerfile lexing: a lone escape line continues; a doubled escape does not") {
  auto p = parse_text("FROM a\nRUN echo hi \\\n \\\n world\nRUN echo a\\\\\nRUN echo b\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 4);
  CHECK(p.at(1).arguments.text() == "echo hi   world");
  CHECK(p.at(2).arguments.text() == "echo a\\\\");
}

TEST_CASE("dockerfile lexing: continuation at end of file is accepted") {
  auto p = parse_text("FROM a\nRUN echo a \\\n  b \\");
  REQUIRE(p.errors.empty());
  CHECK(p.at(1).arguments.text() == "echo a   b");
  CHECK(p.at(1).span.end == p.text.size());
}

TEST_CASE("dockerfile lexing: an escape at the end of a comment is not a continuation") {
  auto p = parse_text("FROM a\n# RUN commented \\\nRUN real\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 2);
  CHECK(p.at(1).arguments.text() == "real");
}

TEST_CASE("dockerfile lexing: CRLF line endings, spans exclude the carriage return") {
  std::string text = "FROM a\r\nRUN echo one \\\r\n  two\r\nUSER app\r\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 3);
  CHECK(p.at(0).span == Span{0, 6});
  CHECK(p.at(1).arguments.text() == "echo one   two");
  CHECK(p.slice(p.at(1).span) == "RUN echo one \\\r\n  two");
  CHECK(p.at(2).words.at(0).value == "app");
  CHECK(p.at(2).words.at(0).span == Span{36, 39});
}

TEST_CASE("dockerfile lexing: byte-order mark is skipped") {
  auto p = parse_text("\xEF\xBB\xBF# syntax=docker/dockerfile:1\nFROM a\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->directives.size() == 1);
  CHECK(p.file->directives[0].span == Span{3, 31});
  CHECK(p.at(0).keyword_span == Span{32, 36});
}

TEST_CASE("dockerfile directives: syntax, escape and check in the leading block") {
  auto p = parse_text(
      "# syntax=docker/dockerfile:1.7\n#\t ESCAPE = ` \n# check=skip=JSONArgsRecommended\n"
      "FROM a\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->directives.size() == 3);
  CHECK(p.file->directives[0].name == "syntax");
  CHECK(p.file->directives[0].value == "docker/dockerfile:1.7");
  CHECK(p.slice(p.file->directives[0].value_span) == "docker/dockerfile:1.7");
  CHECK(p.file->directives[1].name == "escape");
  CHECK(p.file->directives[1].value == "`");
  CHECK(p.file->directives[1].value_span == Span{43, 44});
  CHECK(p.file->directives[2].value == "skip=JSONArgsRecommended");
  CHECK(p.file->escape == '`');
  CHECK(p.file->comments.size() == 3);
}

TEST_CASE(
    "dockerfile directives: a plain comment, blank line or unknown directive ends the block") {
  auto after_comment = parse_text("# hello\n# escape=`\nFROM a\n");
  CHECK(after_comment.file->directives.empty());
  CHECK(after_comment.file->escape == '\\');

  auto after_blank = parse_text("\n# escape=`\nFROM a\n");
  CHECK(after_blank.file->directives.empty());

  auto after_unknown = parse_text("# foo=bar\n# syntax=x\nFROM a\n");
  CHECK(after_unknown.file->directives.empty());
  CHECK(after_unknown.errors.empty());
}

TEST_CASE("dockerfile directives: a leading shebang line does not end the block") {
  auto p = parse_text("#!/usr/bin/env buildctl\n# syntax=docker/dockerfile:1\nFROM a\n");
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->directives.size() == 1);
  CHECK(p.file->directives[0].name == "syntax");
  CHECK(p.file->comments.size() == 2);
}

TEST_CASE("dockerfile directives: duplicates and bad escape values are errors") {
  auto dup = parse_text("# syntax=a\n# SYNTAX=b\nFROM a\n");
  REQUIRE(dup.errors.size() == 1);
  CHECK(dup.errors[0].message == "only one syntax parser directive can be used");
  CHECK(dup.errors[0].span == Span{11, 21});
  CHECK(dup.file->directives.size() == 1);

  auto bad = parse_text("# escape=x\nFROM a\n");
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0].span == Span{9, 10});
}

TEST_CASE("dockerfile directives: backtick escape changes continuation and word escaping") {
  std::string text = "# escape=`\nFROM windows\nRUN dir c:\\ `\n  /s\nCOPY \"a`\"b\" c:\\dest\\\n";
  auto p = parse_text(text);
  REQUIRE(p.errors.empty());
  REQUIRE(p.file->instructions.size() == 3);
  CHECK(p.at(1).arguments.text() == "dir c:\\   /s");
  const Instruction& copy = p.at(2);
  REQUIRE(copy.words.size() == 2);
  CHECK(copy.words[0].value == "a\"b");
  CHECK(copy.words[1].value == "c:\\dest\\");
}

TEST_CASE("dockerfile lexing: empty and comment-only files have no instructions") {
  for (std::string text : {"", "# only\n# comments\n\n", "\n\n  \n"}) {
    auto p = parse_text(text);
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].message == "file with no instructions");
    CHECK(p.errors[0].span == Span{0, 0});
  }
}

TEST_CASE("dockerfile lexing: unknown instruction reported at its keyword, parsing resumes") {
  auto p = parse_text("FROM a\nFOO bar \\\n baz\nRUN ok\n");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message == "unknown instruction: FOO");
  CHECK(p.errors[0].span == Span{7, 10});
  REQUIRE(p.file->instructions.size() == 2);
  CHECK(p.at(1).keyword == Keyword::run);
  CHECK(p.at(1).stage == 0);
}

#include "parse/dockerfile/internal.hpp"

namespace {

// Each word as `begin-end:text`, for compact expectations.
std::string words_of(std::string_view s, char escape = '\\') {
  std::string out;
  for (const auto& w : infralint::dockerfile::detail::split_words(s, escape))
    out += std::to_string(w.begin) + "-" + std::to_string(w.end) + ":" + w.text + "|";
  return out;
}

}  // namespace

TEST_CASE("dockerfile lexing: parseWords keeps quotes and escapes, and drops a final escape") {
  CHECK(words_of("  a  bc ") == "2-3:a|5-7:bc|");
  CHECK(words_of("a 'b c' \"d e\"f") == "0-1:a|2-7:'b c'|8-14:\"d e\"f|");
  CHECK(words_of("a\\ b c") == "0-4:a\\ b|5-6:c|");
  CHECK(words_of("'a\\' b'") == "0-4:'a\\'|5-7:b'|");  // no escapes inside single quotes
  CHECK(words_of("\"a\\\" b\"") == "0-7:\"a\\\" b\"|");
  CHECK(words_of("ab\\") == "0-3:ab|");              // the final escape is dropped, not its span
  CHECK(words_of("ab \\") == "0-2:ab|");             // a word of only that escape is no word
  CHECK(words_of("\"ab\\") == "0-4:\"ab|");          // also inside an unclosed quote
  CHECK(words_of("''") == "0-2:''|");
  CHECK(words_of("a`  b", '`') == "0-3:a` |4-5:b|");
  CHECK(words_of("a\\ b", '`') == "0-2:a\\|3-4:b|");
  CHECK(words_of("") == "");
  CHECK(words_of(" \t ") == "");
  auto first = infralint::dockerfile::detail::split_words("  'a b' c d", '\\', 1);
  REQUIRE(first.size() == 1);
  CHECK(first[0].text == "'a b'");
  CHECK(infralint::dockerfile::detail::split_words("a b", '\\', 0).empty());
}
