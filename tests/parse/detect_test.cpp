#include <doctest/doctest.h>

#include "parse/detect.hpp"

using infralint::detect_kind;
using infralint::Kind;

TEST_CASE("detect: Dockerfile names in the forms projects use") {
  for (const char* name : {"Dockerfile", "x/Dockerfile.alpine", "Dockerfile-nginx", "Dockerfile_alpine",
                           "api.Dockerfile", "Containerfile", "Containerfile.fedora"})
    CHECK_MESSAGE(detect_kind(name, "") == Kind::dockerfile, name);
  for (const char* name : {"Dockerfile.dockerignore", "Dockerfiles", "dockerfile-lint.json"})
    CHECK_MESSAGE(detect_kind(name, "") != Kind::dockerfile, name);
}

TEST_CASE("detect: YAML kinds by content") {
  CHECK(detect_kind("a.yaml", "apiVersion: v1\nkind: Pod\n") == Kind::kubernetes);
  CHECK(detect_kind("dev.yml", "services:\n  web:\n    image: x\n") == Kind::compose);
  CHECK(detect_kind("docker-compose.override.yml", "") == Kind::compose);
  CHECK(detect_kind("rules.yml", "groups:\n  - name: a\n    rules: []\n") == Kind::prometheus_rules);
  CHECK(detect_kind("values.yaml", "replicaCount: 1\n") == Kind::unknown);
}
