#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/span.hpp"
#include "model/stack/facts.hpp"

namespace infralint::stack {

// One linted document as the stack sees it: where it is, and its facts.
struct StackDocument {
  const Document* doc = nullptr;  // text and line index (its tree may be released)
  std::string fs_path;            // on disk; empty for stdin
  DocumentFacts facts;
  bool not_a_link = false;  // fs_path is known to be no symbolic link (InputFile::not_a_link)
};

// A place at one end of an edge.
struct End {
  std::size_t doc = 0;  // index into Stack::documents
  Span span;
  std::string label;    // "compose service `backend`", "scrape job `api`", "backend/Dockerfile"
};

enum class EdgeKind {
  proxy,          // nginx upstream server / *_pass → compose service or Kubernetes Service
  build,          // compose build → Dockerfile
  railway_build,  // railway build.dockerfilePath → Dockerfile
  rule_file,      // prometheus.yml rule_files → rule file
  scrape_target,  // scrape job target → compose service or Kubernetes Service
  alert_job,      // job="x" in a rule expression → scrape job
  selects,        // Kubernetes Service selector → workloads whose pod template it selects
  routes,         // Kubernetes Ingress backend → Service
  scales,         // HorizontalPodAutoscaler scaleTargetRef → workload
  protects,       // PodDisruptionBudget selector → workloads
  references,     // pod template → ServiceAccount, ConfigMap, Secret, PersistentVolumeClaim
  health,         // a health check path → the one the image (or its compose service) declares
  same_image,     // Kubernetes container image → compose service image of the same repository
  compose_file,   // compose `include` path or `extends.file` → compose file
  depends_on,     // compose depends_on → service (in the file or a file it includes)
  recorded_by,    // a `level:metric:operation` series read by a rule → the recording rule
};
std::string_view to_string(EdgeKind k);

enum class Problem {
  none,
  unknown_host,    // names no service of the stack
  port_closed,     // the service is there, but does not listen on / expose the port
  missing_file,    // no such file on disk
  unknown_job,     // no scrape job of that name
  selects_nothing,  // a Service or PodDisruptionBudget selector matching no pod template
  undefined,        // a Kubernetes object or a recorded series the stack does not define
  path_mismatch,    // two health checks of one service probe different paths
  tag_mismatch,     // one image repository, two tags (or digests)
  unscraped,        // an exporter's series that no scrape job of the stack scrapes
};

// A relation from a referring place to what it names. `to` is absent when the target is
// missing (the edge is broken); a port problem has both ends.
struct Edge {
  EdgeKind kind = EdgeKind::proxy;
  Problem problem = Problem::none;
  End from;
  std::optional<End> to;
  std::string name;         // the host, file or job as written
  std::string port;         // proxy and scrape targets
  bool default_port = false;
  std::string directive;    // "proxy_pass", "upstream server", "rule_files", ...
  std::string ns;           // Kubernetes: the referring object's namespace
  std::string target_kind;  // Kubernetes: the kind of the object named ("ConfigMap", ...)
  std::string subject;      // Kubernetes: the referring object as messages name it ("Ingress/shop")
  std::string expected;     // health and image edges: what the other end says ("/health", a tag)
  Span keepalive;           // proxy edges of an upstream server: its `keepalive` (empty: none)
  std::vector<std::string> target_ports;  // what the target listens on, for port problems
  std::string suggestion;   // "did you mean": the closest known name
  std::optional<End> suggestion_at;  // where that name is defined, when in the stack
  std::string ports_source;  // "publishes or exposes", "EXPOSEs (its Dockerfile)", "has ports"
  bool broken() const { return problem != Problem::none; }
};

// Every document of one run linked: edges between them. Documents relate only within a scope
// (see README "The stack view"): the repository holding them (clamped to the directory the run
// covers), or, outside a checkout, the file's own directory, so a pile of files from unrelated
// projects is not judged against itself.
struct Stack {
  std::vector<StackDocument> documents;
  std::vector<std::string> scopes;  // per document
  std::vector<Edge> edges;
  // "docker-compose.yml:12": where an end is, for messages naming the other file.
  std::string place(const End& end) const;
  const std::string& path(std::size_t doc) const { return documents[doc].doc->path(); }
};

// "Did you mean": the candidate closest to `name` (a few edits away), or "".
std::string suggest_name(std::string_view name, const std::vector<std::string>& candidates);

// Builds the stack: near-linear (hash maps by name and path).
Stack build_stack(std::vector<StackDocument> documents);

}  // namespace infralint::stack
