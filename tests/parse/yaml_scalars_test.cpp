#include <doctest/doctest.h>

#include <string>

#include "parse/yaml/yaml.hpp"
#include "yaml_test_support.hpp"

using infralint::yaml::Node;
using infralint::yaml::ScalarStyle;
using infralint::yaml::ScalarType;
using infralint::yaml::testing::Parsed;

namespace {

// The decoded value of key `v` in a one-document mapping.
const Node* value_of(const Parsed& p) {
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  REQUIRE(p.root());
  const Node* v = p.root()->get("v");
  REQUIRE(v);
  return v;
}

std::string decoded(std::string text) {
  Parsed p(std::move(text));
  return value_of(p)->value;
}

ScalarType type_of(const std::string& scalar) {
  Parsed p("v: " + scalar + "\n");
  return value_of(p)->type;
}

}  // namespace

TEST_CASE("yaml scalars: plain, with multi-line folding") {
  CHECK(decoded("v: hello world\n") == "hello world");
  CHECK(decoded("v: hello   \n") == "hello");
  CHECK(decoded("v: first\n  second\n   third\n") == "first second third");
  CHECK(decoded("v: first\n\n  second\n\n\n  third\n") == "first\nsecond\n\nthird");
  CHECK(decoded("v: a:b#c\n") == "a:b#c");
  CHECK(decoded("v: value # comment\n") == "value");
  CHECK(decoded("v: [a b,\n  c\n  d]\n") == "");  // a sequence: value empty
  Parsed flow("v: [a b,\n  c\n  d]\n");
  REQUIRE(flow.root()->get("v")->is_sequence());
  CHECK(flow.root()->get("v")->items[1]->value == "c d");
}

TEST_CASE("yaml scalars: single-quoted") {
  CHECK(decoded("v: 'it''s'\n") == "it's");
  CHECK(decoded("v: ''\n") == "");
  CHECK(decoded("v: '  spaced  '\n") == "  spaced  ");
  CHECK(decoded("v: 'no \\n escapes'\n") == "no \\n escapes");
  CHECK(decoded("v: 'one\n  two\n\n  three  '\n") == "one two\nthree  ");
  CHECK(decoded("v: 'trailing   \n  next'\n") == "trailing next");
}

TEST_CASE("yaml scalars: double-quoted escapes and folding") {
  CHECK(decoded(R"(v: "a\tb\nc\\d\"e\/f")"
                "\n") == "a\tb\nc\\d\"e/f");
  CHECK(decoded(R"(v: "\0\a\b\v\f\r\e\ ")"
                "\n") == std::string("\0\a\b\v\f\r\x1b ", 8));
  CHECK(decoded(R"(v: "\x41\u00e9\u20ac\U0001F600")"
                "\n") == "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  CHECK(decoded(R"(v: "\N\_\L\P")"
                "\n") == "\xC2\x85\xC2\xA0\xE2\x80\xA8\xE2\x80\xA9");
  CHECK(decoded("v: \"one\n  two\n\n  three\"\n") == "one two\nthree");
  CHECK(decoded("v: \"trailing   \n  next\"\n") == "trailing next");
  // An escaped line break joins without a space and keeps white space before the backslash.
  CHECK(decoded("v: \"abc \\\n     def\"\n") == "abc def");
  CHECK(decoded("v: \"abc\\\n     def\"\n") == "abcdef");
  CHECK(decoded("v: \"keep\\ \n  x\"\n") == "keep  x");
}

TEST_CASE("yaml scalars: literal block with chomping and indentation indicators") {
  CHECK(decoded("v: |\n  line 1\n   line 2\n\n  line 3\n\n\nw: x\n") ==
        "line 1\n line 2\n\nline 3\n");
  CHECK(decoded("v: |-\n  a\n  b\n\n") == "a\nb");
  CHECK(decoded("v: |+\n  a\n  b\n\n\nw: x\n") == "a\nb\n\n\n");
  CHECK(decoded("v: |\n  no final break") == "no final break");
  CHECK(decoded("v: |2\n    two extra\n  base\n") == "  two extra\nbase\n");
  CHECK(decoded("v: |2-\n    two extra\n") == "  two extra");
  CHECK(decoded("v: |-2\n    two extra\n") == "  two extra");
  CHECK(decoded("v: | # a comment\n  text\n") == "text\n");
  CHECK(decoded("v: |\n  # not a comment\n  text\n") == "# not a comment\ntext\n");
  CHECK(decoded("v: |\n\n  after empty\n") == "\nafter empty\n");
  CHECK(decoded("v: |\nw: x\n") == "");
  CHECK(decoded("v: |+\n\nw: x\n") == "\n");
  Parsed p("v: |\n  x\n");
  CHECK(value_of(p)->style == ScalarStyle::literal);
  CHECK(value_of(p)->type == ScalarType::string);
}

TEST_CASE("yaml scalars: folded block") {
  CHECK(decoded("v: >\n  one\n  two\n\n  three\n") == "one two\nthree\n");
  CHECK(decoded("v: >-\n  one\n  two\n") == "one two");
  CHECK(decoded("v: >+\n  one\n\n") == "one\n\n");
  // More-indented lines keep their line breaks.
  CHECK(decoded("v: >\n  a\n    indented\n  b\n") == "a\n  indented\nb\n");
  CHECK(decoded("v: >\n  a\n\n    indented\n\n  b\n") == "a\n\n  indented\n\nb\n");
  Parsed seq("- >\n  x\n  y\n- |1\n  z\n");
  REQUIRE(seq.errors.empty());
  REQUIRE(seq.root()->is_sequence());
  CHECK(seq.root()->items[0]->value == "x y\n");
  CHECK(seq.root()->items[0]->style == ScalarStyle::folded);
  CHECK(seq.root()->items[1]->value == " z\n");
}

TEST_CASE("yaml scalars: CRLF line breaks decode as LF") {
  CHECK(decoded("v: |\r\n  a\r\n  b\r\n") == "a\nb\n");
  CHECK(decoded("v: >\r\n  a\r\n  b\r\n\r\n  c\r\n") == "a b\nc\n");
  CHECK(decoded("v: plain\r\n  folded\r\n") == "plain folded");
  CHECK(decoded("v: \"dq\r\n  folded\"\r\n") == "dq folded");
  CHECK(decoded("v: 'sq\r\n\r\n  folded'\r\n") == "sq\nfolded");
}

TEST_CASE("yaml scalars: YAML 1.2 core schema typing of plain scalars") {
  struct Row {
    const char* text;
    ScalarType type;
  };
  const Row rows[] = {
      {"~", ScalarType::null},
      {"null", ScalarType::null},
      {"Null", ScalarType::null},
      {"NULL", ScalarType::null},
      {"true", ScalarType::boolean},
      {"True", ScalarType::boolean},
      {"TRUE", ScalarType::boolean},
      {"false", ScalarType::boolean},
      {"False", ScalarType::boolean},
      {"FALSE", ScalarType::boolean},
      {"0", ScalarType::integer},
      {"42", ScalarType::integer},
      {"-17", ScalarType::integer},
      {"+3", ScalarType::integer},
      {"0o17", ScalarType::integer},
      {"0x1F", ScalarType::integer},
      {"0xdead", ScalarType::integer},
      {"1.5", ScalarType::floating},
      {"-0.5", ScalarType::floating},
      {".5", ScalarType::floating},
      {"1.", ScalarType::floating},
      {"1e3", ScalarType::floating},
      {"6.02E+23", ScalarType::floating},
      {".inf", ScalarType::floating},
      {"-.Inf", ScalarType::floating},
      {"+.INF", ScalarType::floating},
      {".nan", ScalarType::floating},
      {".NaN", ScalarType::floating},
      // YAML 1.1 spellings are plain strings in 1.2.
      {"yes", ScalarType::string},
      {"no", ScalarType::string},
      {"on", ScalarType::string},
      {"off", ScalarType::string},
      {"y", ScalarType::string},
      {"nULL", ScalarType::string},
      {"tRUE", ScalarType::string},
      {"0b101", ScalarType::string},
      {"0o8", ScalarType::string},
      {"0xZ", ScalarType::string},
      {"1_000", ScalarType::string},
      {"12:30", ScalarType::string},
      {"1.2.3", ScalarType::string},
      {"e3", ScalarType::string},
      {"2001-12-14", ScalarType::string},
      {"nan", ScalarType::string},
      {"hello", ScalarType::string},
      {"-a", ScalarType::string},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(type_of(row.text) == row.type);
  }
  CHECK(type_of("") == ScalarType::null);
  // Quoted and block scalars are strings whatever they read.
  CHECK(type_of("'null'") == ScalarType::string);
  CHECK(type_of("\"42\"") == ScalarType::string);
  CHECK(decoded("v: |\n  true\n") == "true\n");
}

TEST_CASE("yaml scalars: tags are recorded and decide the type") {
  Parsed p(
      "a: !!str 12\nb: !!int '12'\nc: !!float \"1\"\nd: !!bool 'true'\ne: !!null ''\n"
      "f: !reset null\ng: !override [1]\nh: ! 12\ni: !<tag:yaml.org,2002:str> 1\nj: !!str\n");
  REQUIRE_MESSAGE(p.errors.empty(), p.error_text());
  const Node* r = p.root();
  CHECK(r->get("a")->tag == "!!str");
  CHECK(r->get("a")->type == ScalarType::string);
  CHECK(r->get("a")->value == "12");
  CHECK(r->get("b")->type == ScalarType::integer);
  CHECK(r->get("c")->type == ScalarType::floating);
  CHECK(r->get("d")->type == ScalarType::boolean);
  CHECK(r->get("e")->type == ScalarType::null);
  CHECK(r->get("f")->tag == "!reset");
  CHECK(r->get("f")->type == ScalarType::null);  // a local tag leaves core typing alone
  CHECK(r->get("g")->tag == "!override");
  CHECK(r->get("g")->is_sequence());
  CHECK(r->get("h")->type == ScalarType::string);  // the non-specific tag '!'
  CHECK(r->get("i")->type == ScalarType::string);
  CHECK(r->get("j")->type == ScalarType::string);
  CHECK(r->get("j")->value.empty());
}
