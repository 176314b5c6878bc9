// The seed stack's compose file shows the problems its README lists (issue 5, "Done when").
#include <doctest/doctest.h>

#include <algorithm>

#include "engine/runner.hpp"
#include "fixture_support.hpp"
#include "parse/document_parser.hpp"

using namespace infralint;

TEST_CASE(
    "compose seed stack: version, open database ports, literal password, no health "
    "checks or limits, writable nginx config") {
  auto path = testing::fixtures_dir() / "stacks" / "seed" / "docker-compose.yml";
  InputFile input;
  input.fs_path = path.string();
  input.path = path.string();
  input.kind = Kind::compose;
  input.named_explicitly = true;
  std::vector<InputError> errors;
  auto doc = load_document(input, 16 * 1024 * 1024, errors);
  REQUIRE(doc);
  auto findings = lint_document(*doc, RuleSelection{});
  auto has = [&](std::string_view rule, std::string_view text) {
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.rule_id == rule && f.message.find(text) != std::string::npos;
    });
  };
  CHECK(has("compose/obsolete-version", "`version`"));
  CHECK(
      has("container/port-published-on-all-interfaces", "service `postgres` publishes port 5432"));
  CHECK(has("container/port-published-on-all-interfaces", "service `redis` publishes port 6379"));
  CHECK(has("container/secret-in-environment", "POSTGRES_PASSWORD"));
  for (std::string_view service : {"postgres", "redis", "nginx"}) {
    std::string who = "service `" + std::string(service) + "`";
    CHECK_MESSAGE(has("container/no-health-check", who), service);
    CHECK_MESSAGE(has("container/no-memory-limit", who), service);
  }
  CHECK(has("container/writable-config-mount", "`./nginx/nginx.conf` at `/etc/nginx/nginx.conf`"));
  CHECK(has("container/writable-config-mount", "`./nginx/ssl` at `/etc/nginx/ssl`"));
}
