// Railway's deprecation of Config as Code is date-aware: a warning before the 2026-12-01
// cutoff, an error from that day on.
#include <doctest/doctest.h>

#include <cstdlib>

#include "core/document.hpp"
#include "engine/runner.hpp"

using namespace infralint;

TEST_CASE("railway: config as code is a warning before 2026-12-01 and an error from it on") {
  auto doc_text = std::string("[deploy]\nstartCommand = \"npm start\"\n");
  RuleSelection only{{"railway/config-as-code-deprecated"}, {}};
  ::setenv("INFRALINT_TODAY", "2026-11-30", 1);
  Document before("railway.toml", doc_text, Kind::railway);
  auto early = lint_document(before, only);
  ::setenv("INFRALINT_TODAY", "2026-12-01", 1);
  Document after("railway.toml", doc_text, Kind::railway);
  auto late = lint_document(after, only);
  ::unsetenv("INFRALINT_TODAY");
  REQUIRE(early.size() == 1);
  REQUIRE(late.size() == 1);
  CHECK(early[0].severity == Severity::warning);
  CHECK(late[0].severity == Severity::error);
}
