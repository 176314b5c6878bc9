// Compose interpolation, the key catalogue's suggestions, and reordering block entries.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

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
  CHECK(edit_distance("PAHT", "PATH") == 1);  // a swap of neighbours is one edit
  CHECK(edit_distance("abc", "") == 3);
}

// The full-matrix definition the rolling rows replaced, held against it on random strings.
TEST_CASE("edit distance keeps the optimal-string-alignment definition") {
  auto by_matrix = [](std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
      for (std::size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                            d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    return d[a.size()][b.size()];
  };
  std::uint32_t state = 12345;
  auto next = [&] { return state = state * 1103515245u + 12345u, (state >> 16) & 0x7fff; };
  for (int n = 0; n < 20000; ++n) {
    std::string a(next() % 9, ' '), b(next() % 9, ' ');
    for (char& c : a) c = static_cast<char>('a' + next() % 3);
    for (char& c : b) c = static_cast<char>('a' + next() % 3);
    CAPTURE(a);
    CAPTURE(b);
    REQUIRE(edit_distance(a, b) == by_matrix(a, b));
  }
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

#include <random>

TEST_CASE("a bounded edit distance is the distance, or one past the bound") {
  std::mt19937 random(20261128);
  const std::string alphabet = "abcab_";
  std::uniform_int_distribution<std::size_t> length(0, 9), pick(0, alphabet.size() - 1);
  auto word = [&] {
    std::string w(length(random), ' ');
    for (char& c : w) c = alphabet[pick(random)];
    return w;
  };
  for (int i = 0; i < 20000; ++i) {
    std::string a = word(), b = word();
    std::size_t full = edit_distance(a, b);
    for (std::size_t limit : {0u, 1u, 2u, 3u, 5u}) {
      CAPTURE(a);
      CAPTURE(b);
      CAPTURE(limit);
      CHECK(edit_distance_at_most(a, b, limit) == std::min(full, limit + 1));
    }
  }
  std::string long_a(100, 'x'), long_b = long_a;  // past the rows kept on the stack
  long_b[50] = 'y';
  CHECK(edit_distance(long_a, long_b) == 1);
  CHECK(edit_distance_at_most(long_a, long_b + "zz", 2) == 3);
}
