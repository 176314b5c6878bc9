// The directive catalogue's look-up (a hash table the compiler builds) against the sorted
// catalogue it indexes.
#include <doctest/doctest.h>

#include "model/nginx_config.hpp"

using namespace infralint;

TEST_CASE("nginx catalogue: every name finds exactly its rows, and only known names do") {
  auto names = nginx::known_directive_names();
  REQUIRE(names.size() > 500);
  const nginx::DirectiveSpec* next = nullptr;
  for (std::string_view name : names) {
    CAPTURE(name);
    auto specs = nginx::directive_specs(name);
    REQUIRE_FALSE(specs.empty());
    for (const nginx::DirectiveSpec& spec : specs) CHECK(spec.name == name);
    // Names and rows are both sorted: each name's rows follow the previous name's, so together
    // they are every row of the catalogue, none missed at a name's either end.
    if (next) CHECK(specs.data() == next);
    next = specs.data() + specs.size();
  }
  for (std::string_view unknown : {"", "serve", "server_", "Server", "listen_", "x"})
    CHECK(nginx::directive_specs(unknown).empty());
  CHECK(nginx::directive_specs("listen").size() >= 1);
}
