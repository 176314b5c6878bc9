// The adapters: each format read into the same entities, with the right values and spans.
#include <doctest/doctest.h>

#include "core/document.hpp"
#include "model/adapters.hpp"
#include "parse/document_parser.hpp"

using namespace infralint;

namespace {

struct Built {
  std::unique_ptr<Document> doc;
  const Model* model = nullptr;
};

Built build(std::string text, Kind kind) {
  Built b;
  b.doc = std::make_unique<Document>("test", std::move(text), kind);
  parse_document(*b.doc);
  REQUIRE(b.doc->errors().empty());
  build_model(*b.doc);
  b.model = b.doc->model<Model>();
  REQUIRE(b.model);
  return b;
}

std::string_view text_of(const Built& b, Span s) { return b.doc->slice(s); }

}  // namespace

TEST_CASE("model: a compose service becomes a container, a workload, exposures and secrets") {
  Built b = build(R"(services:
  db:
    image: postgres:16
    user: "999"
    privileged: true
    read_only: true
    cap_add: [NET_ADMIN]
    cap_drop:
      - ALL
    network_mode: host
    security_opt:
      - no-new-privileges:true
    ports:
      - "127.0.0.1:5432:5432"
      - 8080
      - target: 80
        published: "8081"
        host_ip: 0.0.0.0
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - data:/var/lib/postgresql/data
      - type: bind
        source: /etc
        target: /host-etc
    environment:
      POSTGRES_PASSWORD: hunter2hunter2
      POSTGRES_USER: ${USER}
    deploy:
      replicas: 2
      resources:
        limits:
          memory: 512M
          cpus: "0.5"
    healthcheck:
      test: ["NONE"]
    restart: unless-stopped
)",
                  Kind::compose);
  REQUIRE(b.model->containers.size() == 1);
  const Container& c = b.model->containers[0];
  CHECK(c.name == "db");
  CHECK(text_of(b, c.span) == "db");
  CHECK(c.image.value == "postgres:16");
  CHECK(c.user.value == "999");
  CHECK(text_of(b, c.user.span) == "\"999\"");
  CHECK(c.privileged.value == true);
  CHECK(c.read_only_root_filesystem.value == true);
  REQUIRE(c.cap_add.size() == 1);
  CHECK(c.cap_add[0].value == "NET_ADMIN");
  CHECK(c.cap_drop.size() == 1);
  CHECK(c.host_network.value == true);
  CHECK(c.allow_privilege_escalation.value == false);
  REQUIRE(c.ports.size() == 3);
  CHECK(c.ports[0].host_ip == "127.0.0.1");
  CHECK(c.ports[0].host_port == "5432");
  CHECK(c.ports[1].container_port == "8080");
  CHECK(c.ports[1].host_port.empty());
  CHECK(c.ports[2].host_ip == "0.0.0.0");
  REQUIRE(c.mounts.size() == 3);
  CHECK(c.mounts[0].host_path == "/var/run/docker.sock");
  CHECK(c.mounts[0].read_only);
  CHECK(c.mounts[1].host_path.empty());
  CHECK(c.mounts[2].host_path == "/etc");
  REQUIRE(c.env.size() == 2);
  CHECK(c.env[0].literal == "hunter2hunter2");
  CHECK(text_of(b, c.env[0].value_span) == "hunter2hunter2");
  CHECK_FALSE(c.env[1].literal);
  CHECK(c.memory_limit.value == "512M");
  CHECK(c.cpu_limit.value == "0.5");
  CHECK(c.healthcheck.value == false);

  REQUIRE(b.model->workloads.size() == 1);
  CHECK(b.model->workloads[0].replicas.value == 2);
  CHECK(b.model->workloads[0].restart.value == "unless-stopped");
  CHECK(b.model->exposures.size() == 3);
  REQUIRE(b.model->secrets.size() == 1);
  CHECK(b.model->secrets[0].name == "POSTGRES_PASSWORD");
  CHECK(b.model->images.size() == 1);
}

TEST_CASE("model: compose environment as a list maps value spans inside the item") {
  Built b = build("services:\n  api:\n    image: api:1\n    environment:\n      - \"API_TOKEN=abc123def456\"\n      - PASSTHROUGH\n",
                  Kind::compose);
  const Container& c = b.model->containers.at(0);
  REQUIRE(c.env.size() == 2);
  CHECK(c.env[0].name == "API_TOKEN");
  CHECK(text_of(b, c.env[0].value_span) == "abc123def456");
  CHECK(text_of(b, c.env[0].name_span) == "API_TOKEN");
  CHECK_FALSE(c.env[1].literal);
}

TEST_CASE("model: Kubernetes container settings override the pod's") {
  Built b = build(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  template:
    spec:
      hostPID: true
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: api
          image: api:1.0
          securityContext:
            runAsNonRoot: false
            allowPrivilegeEscalation: false
            capabilities:
              drop: [ALL]
          volumeMounts:
            - name: sock
              mountPath: /var/run/docker.sock
          ports:
            - containerPort: 8080
              hostPort: 80
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
          resources:
            limits: {memory: 256Mi}
          readinessProbe:
            httpGet: {path: /, port: 8080}
      volumes:
        - name: sock
          hostPath:
            path: /var/run/docker.sock
)",
                  Kind::kubernetes);
  REQUIRE(b.model->containers.size() == 2);
  const Container& init = b.model->containers[0];
  CHECK(init.init_container);
  CHECK(init.run_as_non_root.value == true);  // from the pod
  CHECK(init.workload == "Deployment/api");
  const Container& api = b.model->containers[1];
  CHECK(api.run_as_non_root.value == false);  // the container's own wins
  CHECK(api.run_as_user.value == 1000);       // inherited
  CHECK(api.host_pid.value == true);
  CHECK(api.allow_privilege_escalation.value == false);
  CHECK(api.cap_drop.size() == 1);
  REQUIRE(api.mounts.size() == 1);
  CHECK(api.mounts[0].host_path == "/var/run/docker.sock");
  REQUIRE(api.ports.size() == 1);
  CHECK(api.ports[0].published);
  REQUIRE(api.env.size() == 1);
  CHECK_FALSE(api.env[0].literal);
  CHECK(api.memory_limit.value == "256Mi");
  CHECK(api.readiness_probe.value == true);
  CHECK_FALSE(api.liveness_probe.present());
  REQUIRE(b.model->workloads.size() == 1);
  CHECK(b.model->workloads[0].replicas.value == 3);
  CHECK(b.model->workloads[0].containers.size() == 2);
  CHECK(b.model->secrets.empty());
}

TEST_CASE("model: CronJob, Pod in a List, ephemeral containers, Services and Ingresses") {
  Built b = build(R"(apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: backup
            image: backup:2
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: debug}
    spec:
      containers: [{name: main, image: "app:1"}]
      ephemeralContainers: [{name: shell, image: "busybox:1"}]
  - apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      type: LoadBalancer
      ports: [{port: 443}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site}
spec:
  rules:
    - host: example.com
)",
                  Kind::kubernetes);
  REQUIRE(b.model->containers.size() == 3);
  CHECK(b.model->containers[0].workload == "CronJob/backup");
  CHECK(b.model->containers[1].workload == "Pod/debug");
  CHECK(b.model->containers[2].ephemeral_container);
  REQUIRE(b.model->exposures.size() == 2);
  CHECK(b.model->exposures[0].via == Exposure::Via::load_balancer);
  CHECK(b.model->exposures[0].port == "443");
  CHECK(b.model->exposures[1].via == Exposure::Via::ingress);
  CHECK(b.model->exposures[1].port == "example.com");
}

TEST_CASE("model: a Dockerfile's final image inherits USER and HEALTHCHECK from its parents") {
  Built b = build(R"(ARG BASE=node:20-alpine
FROM ${BASE} AS base
USER node
HEALTHCHECK CMD wget -q http://localhost/ || exit 1

FROM golang:1.22 AS tools
RUN go build ./...

FROM base
ENV API_KEY=AKIAABCDEFGHIJKLMNOP
EXPOSE 3000/tcp
)",
                  Kind::dockerfile);
  REQUIRE(b.model->containers.size() == 1);
  const Container& c = b.model->containers[0];
  CHECK(c.user.value == "node");
  CHECK(c.healthcheck.value == true);
  CHECK(c.image.value == "node:20-alpine");
  REQUIRE(c.ports.size() == 1);
  CHECK(c.ports[0].container_port == "3000");
  REQUIRE(b.model->images.size() == 2);
  CHECK(b.model->images[0].reference == "node:20-alpine");
  CHECK(b.model->images[0].in_final_image);
  CHECK(b.model->images[1].reference == "golang:1.22");
  CHECK_FALSE(b.model->images[1].in_final_image);
  REQUIRE(b.model->secrets.size() == 1);
  CHECK(b.model->secrets[0].by_shape);
}
