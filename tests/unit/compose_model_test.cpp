// Compose interpolation, the key catalogue's suggestions, and reordering block entries.
#include <doctest/doctest.h>

#include "core/spelling.hpp"
#include "model/compose_interpolation.hpp"
#include "model/compose_schema.hpp"
#include "model/yaml_reorder.hpp"

using namespace infralint;

TEST_CASE("compose interpolation: what compose-go accepts") {
  for (const char* ok :
       {"plain", "${V}", "$V", "${V:-d}", "${V-d}", "${V:?e}", "${V?e}", "${V:+d}", "${V+d}", "$$",
        "$${V:0:2}", "${A:-${B:-x}}", "a $1 b", "$ ", "tail $", "${V:-}", "${v_1}"})
    CHECK_MESSAGE(!find_interpolation_error(ok), ok);
  CHECK(has_interpolation("${V}"));
  CHECK(has_interpolation("x$V"));
  CHECK_FALSE(has_interpolation("$$V"));
  CHECK_FALSE(has_interpolation("cost $5"));
}

TEST_CASE("compose interpolation: malformed substitutions and where they start") {
  struct Case {
    const char* text;
    std::size_t offset;
  };
  for (Case c : {Case{"${}", 0}, Case{"a ${1X}", 2}, Case{"${UNCLOSED", 0}, Case{"x-${V/a/b}", 2},
                 Case{"${V:0:2}", 0}, Case{"${A:-${1}}", 5}, Case{"${#V}", 0}, Case{"${A:-x", 0}}) {
    auto error = find_interpolation_error(c.text);
    REQUIRE_MESSAGE(error, c.text);
    CHECK_MESSAGE(error->offset == c.offset, c.text);
  }
}

TEST_CASE("edit distance for did-you-mean") {
  CHECK(edit_distance("healtcheck", "healthcheck") == 1);
  CHECK(edit_distance("enviroment", "environment") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("same", "same") == 0);
}

TEST_CASE("reorder block entries keeps comments with their entry") {
  std::string text = "a:\n  # about z\n  z: 1\n\n  b:\n    c: 2\n";
  std::vector<ParseError> errors;
  auto stream = yaml::parse(text, errors);
  REQUIRE(stream);
  const yaml::Node* a = stream->documents.at(0).root->get("a");
  REQUIRE(a);
  auto edit = reorder_block_entries(text, *stream, *a, {1, 0});
  REQUIRE(edit);
  std::string out = text;
  out.replace(edit->span.begin, edit->span.size(), edit->replacement);
  CHECK(out == "a:\n  b:\n    c: 2\n\n  # about z\n  z: 1\n");
}
