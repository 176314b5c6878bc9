// expand() against the behaviour of BuildKit's shell lexer, and variables_at() scoping.
#include <doctest/doctest.h>

#include "dockerfile_test_support.hpp"
#include "parse/dockerfile/variables.hpp"

using namespace dockerfile_test;

namespace {

struct ExpandCase {
  const char* input;
  const char* expected;  // nullptr: BuildKit reports an error (or a value is unknown)
};

// Environment of the table: HOME=/root, SH=dash, EMPTY= (set but empty), CJK=日本,
// VER=1.2.3-alpine, and UNKNOWN declared without a known value.
const ExpandCase kCases[] = {
    {"plain", "plain"},
    {"ab'cd'ef", "abcdef"},
    {"ab'cd", nullptr},
    {"ab\\'cd", "ab'cd"},
    {"x\\ny", "xny"},
    {"\"x\\ny\"", "x\\ny"},
    {"\"x\\\\y\"", "x\\y"},
    {"'x\\ny'", "x\\ny"},
    {"end\\", "end"},
    {"end\\\\", "end\\"},
    {"\"open", nullptr},
    {"\"mix'ed\"", "mix'ed"},
    {"'single\\'", "single\\"},
    {"\"''\"", "''"},
    {"$.", "$."},
    {"a$1b", "ab"},
    {"a$.b", "a$.b"},
    {"a$home.", "a."},
    {"in$HOME", "in/root"},
    {"in\\$HOME", "in$HOME"},
    {"in\\\\$HOME", "in\\/root"},
    {"\"in\\$HOME\"", "in$HOME"},
    {"'in$HOME'", "in$HOME"},
    {"\"in'$HOME'\"", "in'/root'"},
    {"\\${}", "${}"},
    {"${}", nullptr},
    {"a${}b", nullptr},
    {"${.}", nullptr},
    {"${NOPE}x", "x"},
    {"${HOME}x", "/rootx"},
    {"${NOPE:-d}", "d"},
    {"${NOPE-d}", "d"},
    {"${EMPTY:-d}", "d"},
    {"${EMPTY-d}", ""},
    {"${HOME:-d}", "/root"},
    {"${NOPE:-$HOME}", "/root"},
    {"${NOPE:-${OTHER:-${SH}}}", "dash"},
    {"${NOPE:-${OTHER:-z}}x", "zx"},
    {"${HOME:+set}", "set"},
    {"${EMPTY:+set}", ""},
    {"${EMPTY+set}", "set"},
    {"${NOPE+set}", ""},
    {"${HOME:+${SH}}", "dash"},
    {"${HOME:+${HOME}:}x", "/root:x"},
    {"${NOPE:-\\$HOME:}x", "$HOME:x"},
    {"${NOPE?}", nullptr},
    {"${NOPE:?must be set}", nullptr},
    {"${EMPTY?}", ""},
    {"${EMPTY:?}", nullptr},
    {"${HOME:?}", "/root"},
    {"${HOME:=x}", nullptr},
    {"${HOME:x}", nullptr},
    {"${HOME", nullptr},
    {"${{x}", nullptr},
    {"${x}}", "}"},
    {"${x:-a {b}", "a {b"},
    {"${x:-a ${y}", nullptr},
    {"$CJK", "日本"},
    {"前${CJK}後", "前日本後"},
    {"前$CJK後", "前"},  // 後 is a letter, so the name is CJK後
    {"'$CJK'", "$CJK"},
    {"$@ $* $# $? $$ $! $- $0 $9 ${99}", "         "},
    {"${1:-one}${@:-at}", "oneat"},
    {"${VER#*.}", "2.3-alpine"},
    {"${VER##*.}", "3-alpine"},
    {"${VER%-*}", "1.2.3"},
    {"${VER%%.*}", "1"},
    {"${VER%.*}", "1.2"},
    {"${VER#1.?}", ".3-alpine"},
    {"${VER#x}", "1.2.3-alpine"},
    {"${VER/./_}", "1_2.3-alpine"},
    {"${VER//./_}", "1_2_3-alpine"},
    {"${VER/alpine/slim}", "1.2.3-slim"},
    {"${VER/-*/}", "1.2.3"},
    {"${VER:#x}", nullptr},
    {"$UNKNOWN", nullptr},
    {"v${UNKNOWN:-1}", nullptr},
    {"'$UNKNOWN'", "$UNKNOWN"},
    {"\\$UNKNOWN", "$UNKNOWN"},
};

Variables table_env() {
  return {{"HOME", "/root"}, {"SH", "dash"},          {"EMPTY", ""},
          {"CJK", "日本"},   {"VER", "1.2.3-alpine"}, {"UNKNOWN", std::nullopt}};
}

}  // namespace

TEST_CASE("dockerfile variables: expand() follows BuildKit's shell lexer") {
  Variables env = table_env();
  for (const ExpandCase& c : kCases) {
    std::string input = c.input;
    CAPTURE(input);
    auto got = expand(c.input, env);
    if (c.expected == nullptr) {
      CHECK(!got.has_value());
    } else {
      REQUIRE(got.has_value());
      CHECK(*got == c.expected);
    }
  }
}

TEST_CASE("dockerfile variables: configurable escape character") {
  Variables env = {{"X", "1"}};
  CHECK(expand("c:\\path`$X", env, '`') == "c:\\path$X");
  CHECK(expand("c:\\$X", env, '`') == "c:\\1");
  CHECK(expand("\"a`\"b\"", env, '`') == "a\"b");
}

TEST_CASE("dockerfile variables: global ARGs are seen by FROM lines only") {
  auto p =
      parse_text("ARG BASE=alpine\nARG TAG=${BASE}-3\nFROM $BASE\nRUN echo\nARG BASE\nRUN x\n");
  REQUIRE(p.errors.empty());
  Variables from = variables_at(*p.file, 2);
  CHECK(from.at("BASE") == "alpine");
  CHECK(from.at("TAG") == "alpine-3");
  CHECK(from.contains("TARGETPLATFORM"));
  CHECK(!from.at("TARGETPLATFORM").has_value());

  Variables in_stage = variables_at(*p.file, 3);
  CHECK_FALSE(in_stage.contains("BASE"));
  CHECK(in_stage.contains("BUILDARCH"));

  // A bare ARG in the stage takes the global default.
  Variables after = variables_at(*p.file, 5);
  CHECK(after.at("BASE") == "alpine");
  CHECK_FALSE(after.contains("TAG"));
}

TEST_CASE("dockerfile variables: ENV and ARG in a stage, in order") {
  auto p = parse_text(
      "FROM a\nENV abc=hello\nENV abc=bye def=$abc\nARG V=1 W=${V}.0\nARG NOVAL\n"
      "ENV P=/x:$NOVAL\nRUN x\n");
  REQUIRE(p.errors.empty());
  Variables v = variables_at(*p.file, 6);
  CHECK(v.at("abc") == "bye");
  CHECK(v.at("def") == "hello");  // one ENV sees the values from before it
  CHECK(v.at("V") == "1");
  CHECK(v.at("W") == "1.0");
  CHECK(!v.at("NOVAL").has_value());
  CHECK(!v.at("P").has_value());  // depends on an unknown value
  CHECK(variables_at(*p.file, 2).at("abc") == "hello");
}

TEST_CASE("dockerfile variables: a stage inherits from its parent stage") {
  auto p = parse_text(
      "FROM a AS base\nENV APP=/srv\nARG MODE=prod\nFROM base AS child\nRUN x\nFROM other\nRUN "
      "y\n");
  REQUIRE(p.errors.empty());
  Variables child = variables_at(*p.file, 4);
  CHECK(child.at("APP") == "/srv");
  CHECK(child.at("MODE") == "prod");
  Variables other = variables_at(*p.file, 6);
  CHECK_FALSE(other.contains("APP"));
}

TEST_CASE("dockerfile variables: platform ARGs stay unknown even with a default") {
  auto p = parse_text("FROM a\nARG TARGETARCH=amd64\nRUN x\n");
  Variables v = variables_at(*p.file, 2);
  CHECK(!v.at("TARGETARCH").has_value());
}

TEST_CASE("dockerfile variables: predefined ARGs are in scope until a declaration shadows them") {
  Variables bare = {{"X", "1"}};
  CHECK_FALSE(bare.contains("HTTP_PROXY"));
  CHECK(expand("a$HTTP_PROXY", bare) == "a");  // unset outside a Dockerfile's scopes

  Variables scope = Variables::with_predefined();
  REQUIRE(scope.find("HTTP_PROXY") != nullptr);
  CHECK_FALSE(scope.at("HTTP_PROXY").has_value());
  CHECK_FALSE(expand("a$HTTP_PROXY", scope).has_value());  // unknown: depends on the build
  CHECK_THROWS_AS(scope.at("NOT_DECLARED"), std::out_of_range);

  scope.set("HTTP_PROXY", "http://proxy:3128");
  CHECK(expand("$HTTP_PROXY", scope) == "http://proxy:3128");
  scope.declare("HTTP_PROXY");  // already in scope: keeps its value
  CHECK(scope.at("HTTP_PROXY") == "http://proxy:3128");
  scope.declare("NOVAL");
  CHECK_FALSE(scope.at("NOVAL").has_value());

  std::vector<std::string> names;
  scope.for_each([&](std::string_view name, const Variables::Value&) {
    names.emplace_back(name);
  });
  CHECK(std::count(names.begin(), names.end(), "HTTP_PROXY") == 1);  // declared, once
  CHECK(std::count(names.begin(), names.end(), "TARGETARCH") == 1);
  CHECK(std::count(names.begin(), names.end(), "NOVAL") == 1);
  CHECK(names.size() == 2 + 25);  // HTTP_PROXY, NOVAL and the 25 other predefined ARGs

  CHECK(closest_variable("TARGETARC", scope) == "TARGETARCH");
  CHECK(closest_variable("noval", scope) == "NOVAL");
}

#include "parse/dockerfile/internal.hpp"

TEST_CASE("dockerfile variables: a word without $, quotes or escapes lexes as itself") {
  using infralint::dockerfile::detail::lexes_as_itself;
  const std::string words[] = {"plain",  "a<b",     "<<EOF",  "<< \t x", "~/x", "a b\tc",
                               "日本",   "{a,b}",   "*.txt",  "a=b",     "",    "x\x01y\xff",
                               "c:\\p",  "a`b",     "$X",     "'q'",     "\"q\"", "a\\"};
  for (const std::string& word : words) {
    for (char escape : {'\\', '`'}) {
      CAPTURE(word);
      CAPTURE(escape);
      infralint::dockerfile::detail::LexOptions options;
      options.escape = escape;
      options.skip_unset = true;
      auto lexed = infralint::dockerfile::detail::lex(word, options, {});
      bool itself = lexed.ok && !lexed.used_unknown && lexed.result == word;
      // The shortcut may only claim words that the lexer really gives back unchanged.
      if (lexes_as_itself(word, escape)) CHECK(itself);
      CHECK(infralint::dockerfile::detail::unquote(word, escape) ==
            (lexed.ok ? std::optional<std::string>(lexed.result) : std::nullopt));
    }
  }
  CHECK(lexes_as_itself("plain", '\\'));
  CHECK(!lexes_as_itself("a\\b", '\\'));
  CHECK(lexes_as_itself("a\\b", '`'));
  CHECK(!lexes_as_itself("a$b", '`'));
}
