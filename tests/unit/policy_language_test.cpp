// The policy language: each operator, paths, targets and messages, on small documents.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "policy/measures.hpp"
#include "policy_support.hpp"

using infralint::testing::run_policies;
using Lines = std::vector<std::string>;

namespace {

// A policy on Kubernetes Deployments whose `require` is `condition` (YAML, indented 6).
std::string deployment_policy(const std::string& condition, const std::string& extra = "") {
  return "policies:\n  - id: p\n    match:\n      kubernetes: {kind: Deployment}\n" + extra +
         "    require:\n" + condition;
}

const std::string kDeployment = R"Y(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
    replicas-hint: "3"
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.0
          resources:
            limits:
              memory: 512Mi
              cpu: 1500m
        - name: sidecar
          image: envoy:latest
)Y";

}  // namespace

TEST_CASE("policy operators: exists points at the deepest key there, or at what must not be") {
  CHECK(run_policies(deployment_policy("      path: metadata.labels.team\n      exists: true\n"),
                     "d.yaml", kDeployment) ==
        Lines{"5:3-5:9 policy/p: p: `metadata.labels.team` is missing"});
  CHECK(run_policies(
            deployment_policy("      path: metadata.annotations.owner\n      exists: true\n"),
            "d.yaml",
            kDeployment) == Lines{"3:1-3:9 policy/p: p: `metadata.annotations.owner` is missing"});
  CHECK(run_policies(deployment_policy("      path: spec.replicas\n      exists: false\n"),
                     "d.yaml",
                     kDeployment) == Lines{"9:3-9:11 policy/p: p: `spec.replicas` is set"});
  CHECK(run_policies(deployment_policy("      path: metadata.labels.app\n      exists: true\n"),
                     "d.yaml", kDeployment)
            .empty());
}

TEST_CASE("policy operators: equals compares numbers as numbers, booleans without case") {
  CHECK(run_policies(deployment_policy("      path: spec.replicas\n      equals: 3\n"), "d.yaml",
                     kDeployment)
            .empty());
  CHECK(run_policies(
            deployment_policy("      path: metadata.labels.replicas-hint\n      equals: 3.0\n"),
            "d.yaml", kDeployment)
            .empty());
  CHECK(run_policies(deployment_policy("      path: metadata.labels.app\n      equals: web\n"),
                     "d.yaml", kDeployment) ==
        Lines{"6:10-6:13 policy/p: p: `metadata.labels.app` is `api`, not `web`"});
  CHECK(run_policies(deployment_policy("      path: metadata.labels\n      equals: web\n"),
                     "d.yaml", kDeployment) ==
        Lines{"6:5-7:23 policy/p: p: `metadata.labels` is a mapping, not a single value"});
}

TEST_CASE("policy operators: in") {
  CHECK(run_policies(deployment_policy("      path: metadata.labels.app\n      in: [web, api]\n"),
                     "d.yaml", kDeployment)
            .empty());
  CHECK(
      run_policies(deployment_policy("      path: metadata.labels.app\n      in: [web, worker]\n"),
                   "d.yaml", kDeployment) ==
      Lines{"6:10-6:13 policy/p: p: `metadata.labels.app` is `api`, not one of `web`, `worker`"});
}

TEST_CASE("policy operators: matches is an RE2 search, anchored only when the pattern says") {
  auto findings = run_policies(
      deployment_policy("      path: spec.template.spec.containers[*].image\n      matches: "
                        "'^registry\\.example\\.com/'\n"),
      "d.yaml", kDeployment);
  CHECK(findings == Lines{"20:18-20:30 policy/p: p: `spec.template.spec.containers[1].image` is "
                          "`envoy:latest`, which does not match `^registry\\.example\\.com/`"});
  CHECK(run_policies(deployment_policy("      path: metadata.name\n      matches: pi\n"), "d.yaml",
                     kDeployment)
            .empty());
}

TEST_CASE("policy operators: numbers, quantities and durations compare by value") {
  std::string memory = "      path: spec.template.spec.containers[0].resources.limits.memory\n";
  CHECK(run_policies(deployment_policy(memory + "      le: 1Gi\n"), "d.yaml", kDeployment).empty());
  CHECK(run_policies(deployment_policy(memory + "      lt: 256Mi\n"), "d.yaml", kDeployment) ==
        Lines{"17:23-17:28 policy/p: p: `spec.template.spec.containers[0].resources.limits.memory` "
              "is `512Mi`, not less than `256Mi`"});
  std::string cpu = "      path: spec.template.spec.containers[0].resources.limits.cpu\n";
  CHECK(run_policies(deployment_policy(cpu + "      le: 2\n"), "d.yaml", kDeployment).empty());
  CHECK(run_policies(deployment_policy(cpu + "      le: 1\n"), "d.yaml", kDeployment).size() == 1);
  CHECK(run_policies(deployment_policy(cpu + "      ge: 500m\n      as: quantity\n"), "d.yaml",
                     kDeployment)
            .empty());
  CHECK(run_policies(deployment_policy("      path: spec.replicas\n      gt: 3\n"), "d.yaml",
                     kDeployment) ==
        Lines{"9:13-9:14 policy/p: p: `spec.replicas` is `3`, not more than `3`"});
  CHECK(run_policies(deployment_policy("      path: spec.replicas\n      ge: 3\n      lt: 10\n"),
                     "d.yaml", kDeployment)
            .empty());
  CHECK(run_policies(deployment_policy("      path: metadata.name\n      ge: 1\n"), "d.yaml",
                     kDeployment) ==
        Lines{"4:9-4:12 policy/p: p: `metadata.name` is `api`, not a number"});

  const std::string rules = R"Y(groups:
  - name: g
    rules:
      - alert: Short
        expr: up == 0
        for: 1m
      - alert: Long
        expr: up == 0
        for: 1h30m
)Y";
  const std::string policy = R"Y(policies:
  - id: for
    match: {prometheus-rule: {type: alert}}
    require: {path: for, ge: 5m, as: duration}
)Y";
  CHECK(run_policies(policy, "rules.yaml", rules) ==
        Lines{"6:14-6:16 policy/for: for: `for` is `1m`, not at least `5m`"});

  using namespace infralint::policy;
  CHECK(parse_duration("1h30m") == doctest::Approx(5400));
  CHECK(parse_duration("500ms") == doctest::Approx(0.5));
  CHECK(!parse_duration("5 m"));
  CHECK(parse_quantity("1Gi") == doctest::Approx(1073741824.0));
  CHECK(parse_quantity("500m") == doctest::Approx(0.5));
  CHECK(parse_quantity("1e3") == doctest::Approx(1000));
  CHECK(read_bound("5m") == BoundReading::ambiguous);
  CHECK(read_bound("30s") == BoundReading::duration);
  CHECK(read_bound("2Gi") == BoundReading::quantity);
  CHECK(read_bound("2") == BoundReading::number);
}

TEST_CASE("policy operators: all, any and not") {
  std::string images = "spec.template.spec.containers[*].image";
  // Every image is pinned to a tag other than latest.
  auto findings =
      run_policies(deployment_policy("      path: spec.template.spec.containers[*]\n"
                                     "      all:\n"
                                     "        - {path: image, matches: ':'}\n"
                                     "        - not: {path: image, matches: ':latest$'}\n"),
                   "d.yaml", kDeployment);
  CHECK(findings == Lines{"20:18-20:30 policy/p: p: `spec.template.spec.containers[1].image` is "
                          "`envoy:latest`, which matches `:latest$`"});
  CHECK(run_policies(deployment_policy("      any:\n"
                                       "        - {path: metadata.labels.team, exists: true}\n"
                                       "        - {path: metadata.labels.app, exists: true}\n"),
                     "d.yaml", kDeployment)
            .empty());
  CHECK(run_policies(deployment_policy("      any:\n"
                                       "        - {path: metadata.labels.team, exists: true}\n"
                                       "        - {path: metadata.labels.owner, exists: true}\n"),
                     "d.yaml", kDeployment) ==
        Lines{"5:3-5:9 policy/p: p: `metadata.labels.team` is missing"});
  CHECK(run_policies(deployment_policy("      not: {path: spec.replicas, lt: 2}\n"), "d.yaml",
                     kDeployment)
            .empty());
  // `when` filters: only Deployments labelled app=web are judged.
  CHECK(run_policies(deployment_policy("      {path: metadata.labels.team, exists: true}\n",
                                       "    when: {path: metadata.labels.app, equals: web}\n"),
                     "d.yaml", kDeployment)
            .empty());
}

TEST_CASE("policy paths: quoted keys, indices and wildcards over mappings") {
  const std::string doc = R"Y(apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    app.kubernetes.io/name: shop
    tier: Front
spec:
  containers:
    - name: c
      image: x
)Y";
  std::string policy = R"Y(policies:
  - id: q
    match: {kubernetes: {}}
    require:
      all:
        - {path: 'metadata.labels["app.kubernetes.io/name"]', equals: shop}
        - {path: "metadata.labels.'app.kubernetes.io/name'", equals: shop}
        - {path: 'metadata.labels.*', matches: '^[a-z]+$'}
)Y";
  CHECK(run_policies(policy, "pod.yaml", doc) ==
        Lines{"7:11-7:16 policy/q: q: `metadata.labels.tier` is `Front`, which does not match "
              "`^[a-z]+$`"});
}

TEST_CASE("policy targets: compose services, containers in every format, nginx, scrape jobs") {
  const std::string compose = R"Y(services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
  db:
    image: postgres:16
    user: postgres
)Y";
  std::string services = R"Y(policies:
  - id: svc
    match: {compose-service: {name: [web, db]}}
    require: {path: user, exists: true}
)Y";
  CHECK(run_policies(services, "compose.yaml", compose) ==
        Lines{"2:3-2:6 policy/svc: svc: `user` is missing"});

  std::string containers = R"Y(policies:
  - id: published
    message: "{{ $object }} publishes {{ $value }} ({{ $path }})"
    match: {container: {}}
    require: {path: 'ports[*].published', equals: false}
)Y";
  CHECK(run_policies(containers, "compose.yaml", compose) ==
        Lines{"5:9-5:18 policy/published: service `web` publishes true (ports[0].published)"});

  std::string registry = R"Y(policies:
  - id: reg
    message: "{{ name }} uses {{ image.registry }}"
    match: {container: {format: [compose, kubernetes, dockerfile]}}
    require: {path: image.registry, equals: registry.example.com}
)Y";
  CHECK(
      run_policies(registry, "compose.yaml", compose) ==
      Lines{"3:12-3:22 policy/reg: web uses docker.io", "7:12-7:23 policy/reg: db uses docker.io"});
  CHECK(run_policies(registry, "Dockerfile", "FROM ghcr.io/x/base:1\nUSER app\n") ==
        Lines{"1:6-1:13 policy/reg: image uses ghcr.io"});

  const std::string nginx = R"Y(http {
    server {
        listen 80;
        server_tokens on;
        location /api/ {
            proxy_pass http://api:8080;
        }
    }
}
)Y";
  std::string tokens = R"Y(policies:
  - id: tokens
    match: {nginx-directive: {name: server}}
    require: {path: "children.server_tokens.args[0]", equals: "off"}
)Y";
  CHECK(
      run_policies(tokens, "nginx.conf", nginx) ==
      Lines{
          "4:23-4:25 policy/tokens: tokens: `children.server_tokens.args[0]` is `on`, not `off`"});
  std::string proxy = R"Y(policies:
  - id: proxy
    message: "{{ name }} in {{ context }} under {{ parent.args[0] }}"
    match: {nginx-directive: {name: proxy_pass, context: location}}
    require: {path: 'args[0]', matches: '^https://'}
)Y";
  CHECK(run_policies(proxy, "nginx.conf", nginx) ==
        Lines{"6:24-6:39 policy/proxy: proxy_pass in location under /api/"});

  const std::string prometheus = R"Y(scrape_configs:
  - job_name: api
    scrape_interval: 5s
    static_configs:
      - targets: [api:8080]
)Y";
  std::string interval = R"Y(policies:
  - id: interval
    match: {scrape-job: {}}
    require: {path: scrape_interval, ge: 10s}
)Y";
  CHECK(
      run_policies(interval, "prometheus.yml", prometheus) ==
      Lines{"3:22-3:24 policy/interval: interval: `scrape_interval` is `5s`, not at least `10s`"});
}

TEST_CASE("policy messages: placeholders read the object, a missing value reads (none)") {
  std::string policy = R"Y(policies:
  - id: m
    message: "{{ kind }}/{{metadata.name}} owner={{ metadata.labels.owner }}: {{ $reason }}"
    match: {kubernetes: {}}
    require: {path: metadata.labels.owner, exists: true}
)Y";
  CHECK(run_policies(policy, "d.yaml", kDeployment) ==
        Lines{"5:3-5:9 policy/m: Deployment/api owner=(none): `metadata.labels.owner` is missing"});
}
