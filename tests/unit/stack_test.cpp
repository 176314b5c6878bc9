// The stack view (issue 10): the seed stack's graph links what its files name, findings of stack
// rules land in the referring file with the other end related, and `infralint graph` renders.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/graph.hpp"
#include "engine/runner.hpp"
#include "model/stack/runtime_links.hpp"
#include "fixture_support.hpp"

using namespace infralint;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::source_dir;

namespace {

std::string seed_dir() { return (source_dir() / "fixtures/stacks/seed").string(); }

std::string binary() { return shell_quote(INFRALINT_BINARY); }

std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("stack: the seed stack's edges, by type") {
  std::vector<std::unique_ptr<Document>> keep;
  std::vector<std::string> errors;
  stack::Stack s = cli::stack_of({seed_dir()}, keep, errors);
  CHECK(errors.empty());
  std::map<std::string, std::pair<int, int>> by_kind;  // kind → (edges, broken)
  for (const stack::Edge& e : s.edges) {
    auto& [all, broken] = by_kind[std::string(stack::to_string(e.kind))];
    ++all;
    broken += e.broken();
  }
  // nginx's upstream server backend:3001 → compose `backend` (ports 3001:3001): whole.
  CHECK(by_kind["proxy"] == std::make_pair(1, 0));
  // Both compose builds name Dockerfile.dev, which neither directory has.
  CHECK(by_kind["build"] == std::make_pair(2, 2));
  // railway.toml's dockerfilePath "Dockerfile" is not at the repository root.
  CHECK(by_kind["railway-build"] == std::make_pair(1, 1));
  CHECK(by_kind["rule-file"] == std::make_pair(1, 0));
  // Every alert → the scrape job it relies on: DatabaseDown by its job="postgres";
  // HighErrorRate and HighLatency read the application's http_* series, and dealership-api is
  // the one job scraping no known exporter; HighMemoryUsage reads cAdvisor's container_*
  // series, which no scrape job collects (broken).
  CHECK(by_kind["alert-job"] == std::make_pair(4, 1));
  CHECK(by_kind["recorded-by"] == std::make_pair(0, 0));  // the seed records nothing
  // backend-service:3000 is the targetPort, not the Service port; three exporters are not
  // deployed anywhere in the stack.
  CHECK(by_kind["scrape-target"] == std::make_pair(4, 4));
  // Service backend-service → Deployment backend.
  CHECK(by_kind["selects"] == std::make_pair(1, 0));
  // Ingress app-ingress → Service backend-service (port 80), HPA backend-hpa → Deployment
  // backend, and the Deployment's envFrom → ConfigMap app-config and Secret app-secrets.
  CHECK(by_kind["routes"] == std::make_pair(1, 0));
  CHECK(by_kind["scales"] == std::make_pair(1, 0));
  CHECK(by_kind["references"] == std::make_pair(2, 0));
  CHECK(by_kind["protects"] == std::make_pair(0, 0));  // the seed stack has no budget
  // frontend → backend, backend → redis and postgres, nginx → frontend and backend.
  CHECK(by_kind["depends-on"] == std::make_pair(5, 0));
  CHECK(by_kind["compose-file"] == std::make_pair(0, 0));
  // No service's health check is compared: the images' HEALTHCHECKs sit in Dockerfiles no build
  // reaches (Dockerfile.dev is missing), and no Kubernetes image is also a compose image.
  CHECK(by_kind["health"] == std::make_pair(0, 0));
  CHECK(by_kind["same-image"] == std::make_pair(0, 0));

  for (const stack::Edge& e : s.edges) {
    if (e.kind == stack::EdgeKind::proxy) {
      CHECK(e.name == "backend");
      CHECK(e.port == "3001");
      REQUIRE(e.to);
      CHECK(e.to->label == "compose service `backend`");
      CHECK(s.path(e.to->doc).ends_with("seed/docker-compose.yml"));
    }
    if (e.kind == stack::EdgeKind::selects) {
      REQUIRE(e.to);
      CHECK(e.to->label == "Deployment `backend`");
    }
  }
}

TEST_CASE("stack: a finding names the other file, in JSON, text and SARIF") {
  std::string dir = (source_dir() / "fixtures/stack/upstream-port-unpublished/bad").string();
  auto json = run_shell(binary() + " check --isolated --select stack --format json " +
                        shell_quote(dir));
  CHECK(json.exit_code == 1);
  auto j = nlohmann::json::parse(json.out);
  bool seen = false;
  for (const auto& f : j["findings"]) {
    if (f["rule"] != "stack/upstream-port-unpublished") continue;
    CHECK(f["path"].get<std::string>().ends_with("nginx/nginx.conf"));
    REQUIRE(f.contains("related"));
    CHECK(f["related"][0]["path"].get<std::string>().ends_with("docker-compose.yml"));
    CHECK(f["related"][0]["start"]["line"].get<int>() >= 1);
    seen = true;
  }
  CHECK(seen);
  auto sarif = run_shell(binary() + " check --isolated --select stack --format sarif " +
                         shell_quote(dir));
  auto s = nlohmann::json::parse(sarif.out);
  bool related_elsewhere = false;
  for (const auto& r : s["runs"][0]["results"])
    for (const auto& l : r.value("relatedLocations", nlohmann::json::array()))
      related_elsewhere |= l["physicalLocation"]["artifactLocation"]["uri"]
                               .get<std::string>()
                               .ends_with("docker-compose.yml");
  CHECK(related_elsewhere);
  auto text = run_shell(binary() + " check --isolated --select stack " + shell_quote(dir));
  CHECK(text.out.find("docker-compose.yml:2:3: compose service `backend` is defined here") !=
        std::string::npos);
}

TEST_CASE("stack: suppressions on the referring line hide stack findings and count as used") {
  testing::TempDir dir;
  run_shell("git init -q " + shell_quote(dir.path.string()));
  std::ofstream(dir.path / "docker-compose.yml") << "services:\n  api:\n    image: a/b:1\n"
                                                    "    expose: [\"8080\"]\n";
  std::ofstream(dir.path / "nginx.conf")
      << "events {}\nhttp {\n  server {\n    location / {\n"
         "      # infralint: ignore[stack/upstream-port-unpublished] migrating to 9000\n"
         "      proxy_pass http://api:9000;\n    }\n"
         "    location /b/ {\n      proxy_pass http://api:9001;\n    }\n  }\n}\n";
  auto out = run_shell(binary() + " check --isolated --format json " + shell_quote(dir.path.string()));
  auto j = nlohmann::json::parse(out.out);
  int port = 0, unused = 0;
  for (const auto& f : j["findings"]) {
    port += f["rule"] == "stack/upstream-port-unpublished";
    unused += f["rule"] == "meta/unused-suppression";
  }
  CHECK(port == 1);  // api:9001 only
  CHECK(unused == 0);
}

TEST_CASE("stack: files from unrelated directories outside a checkout are not judged") {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path / "compose");
  std::filesystem::create_directories(dir.path / "nginx");
  std::ofstream(dir.path / "compose/docker-compose.yml") << "services:\n  web:\n    image: a/b:1\n";
  std::ofstream(dir.path / "nginx/nginx.conf")
      << "events {}\nhttp {\n  server {\n    location / {\n      proxy_pass http://app:8000;\n"
         "    }\n  }\n}\n";
  auto out = run_shell(binary() + " check --isolated --select stack --format json " +
                       shell_quote(dir.path.string()));
  auto j = nlohmann::json::parse(out.out);
  CHECK(j["findings"].empty());
}

TEST_CASE("stack: graph renders with Graphviz, one SVG node and edge per graph node and edge") {
  if (run_shell("command -v dot >/dev/null 2>&1").exit_code != 0) {
    MESSAGE("graphviz (dot) not installed: skipped");
    return;
  }
  auto json = run_shell(binary() + " graph --format json " + shell_quote(seed_dir()));
  REQUIRE(json.exit_code == 0);
  auto graph = nlohmann::json::parse(json.out);
  auto svg = run_shell(binary() + " graph --format dot " + shell_quote(seed_dir()) +
                       " | dot -Tsvg");
  REQUIRE(svg.exit_code == 0);
  CHECK(count(svg.out, "class=\"node\"") == graph["nodes"].size());
  CHECK(count(svg.out, "class=\"edge\"") == graph["edges"].size());
  CHECK(graph["edges"].size() == 23);
  std::size_t red = 0;
  for (const auto& e : graph["edges"]) red += e["broken"].get<bool>();
  CHECK(count(svg.out, "stroke=\"red\"") >= red);
}

TEST_CASE("stack: the README's stack view is the seed stack's Mermaid graph") {
  std::string readme = read_file(source_dir() / "README.md");
  std::string begin = "<!-- stack-graph:begin -->\n```mermaid\n", end = "```\n<!-- stack-graph:end -->";
  auto b = readme.find(begin), e = readme.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  auto graph = run_shell("cd " + shell_quote(source_dir().string()) + " && " + binary() +
                         " graph --format mermaid fixtures/stacks/seed");
  CHECK_MESSAGE(readme.substr(b + begin.size(), e - b - begin.size()) == graph.out,
                "README stack view is stale: paste `infralint graph --format mermaid "
                "fixtures/stacks/seed` between the stack-graph markers");
}

TEST_CASE("stack: external-services silences missing targets that live elsewhere") {
  testing::TempDir dir;
  run_shell("git init -q " + shell_quote(dir.path.string()));
  std::ofstream(dir.path / "docker-compose.yml") << "services:\n  api:\n    image: a/b:1\n";
  std::ofstream(dir.path / "nginx.conf")
      << "events {}\nhttp {\n  server {\n    location / {\n      proxy_pass http://auth:8443;\n"
         "    }\n    location /x/ {\n      proxy_pass http://ap:8080;\n    }\n  }\n}\n";
  auto rules = [&] {
    auto out = run_shell("cd " + shell_quote(dir.path.string()) + " && " + binary() +
                         " check --select stack --format json .");
    // Parsed into a variable: a range-for over a member of a temporary dangles (before C++23).
    auto report = nlohmann::json::parse(out.out);
    std::vector<std::string> messages;
    for (const auto& f : report["findings"])
      messages.push_back(f["message"].get<std::string>());
    return messages;
  };
  auto before = rules();
  REQUIRE(before.size() == 2);
  CHECK(before[1].find("did you mean `api`") != std::string::npos);
  std::ofstream(dir.path / ".infralint.yaml") << "settings:\n  external-services: [auth]\n";
  CHECK(rules().size() == 1);
}

TEST_CASE("stack: image names split into repository and version as registries read them") {
  auto check = [](std::string_view ref, std::string_view repository, std::string_view version) {
    stack::ImageName n = stack::split_image(ref);
    CHECK(n.repository == repository);
    CHECK(n.version == version);
  };
  check("registry.example.com:5000/api:1.4.2", "registry.example.com:5000/api", "1.4.2");
  check("registry.example.com:5000/api", "registry.example.com:5000/api", "latest");
  check("docker.io/library/redis:7.2", "redis", "7.2");
  check("redis", "redis", "latest");
  check("api@sha256:0123abcd", "api", "sha256:0123abcd");
}

TEST_CASE("stack: the health path of a command is its first URL's path, without query") {
  auto path = [](std::string_view text) { return stack::url_health_path(text, 100, "x"); };
  CHECK(path("wget -q --spider http://localhost:3000/healthz?full=1 || exit 1").path == "/healthz");
  CHECK(path("curl -fsS https://127.0.0.1/status/ ").path == "/status");
  CHECK(path("[\"CMD\", \"curl\", \"-f\", \"http://localhost:8080\"]").path == "/");
  CHECK_FALSE(path("node dist/healthcheck.js").known());
  CHECK(path("curl http://localhost:${PORT}/health").path == "/health");  // the port may vary
  CHECK_FALSE(path("curl http://localhost/${HEALTH_PATH}").known());
  stack::HealthPath h = path("curl -f http://localhost/live && true");
  CHECK(h.path == "/live");
  CHECK(h.span.begin == 100 + std::string_view("curl -f http://localhost").size());
  CHECK(h.span.end == 100 + std::string_view("curl -f http://localhost/live").size());
}
