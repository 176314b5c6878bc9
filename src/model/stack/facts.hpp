#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/kind.hpp"
#include "core/span.hpp"

namespace infralint::stack {

// What one document offers to, and asks of, the other files of a stack: extracted by the worker
// while the syntax tree is alive, so that the stack is built after the join from these alone
// (trees are released per file). Strings are owned: a handful per document.

// A host and port named by a reference (nginx upstream server, proxy_pass, scrape target).
struct Endpoint {
  std::string host;
  std::string port;  // empty when not written (and no default applies)
  Span span;         // host[:port] as written
  Span port_span;    // the port, or `span` when not written
  bool operator==(const Endpoint&) const = default;
};

struct NamedRef {
  std::string name;
  Span span;
  std::string owner;  // e.g. the alert using it
  bool operator==(const NamedRef&) const = default;
};

// The HTTP path a health check probes (the path of the URL a HEALTHCHECK or compose
// healthcheck command fetches, a Kubernetes probe's httpGet.path, Railway's healthcheckPath).
struct HealthPath {
  std::string path;    // "/health": query and trailing slash dropped; empty when unknown
  Span span;           // the path (or the URL holding it) as written
  std::string source;  // "HEALTHCHECK", "healthcheck", "livenessProbe", "healthcheckPath"
  bool known() const { return !path.empty(); }
  bool operator==(const HealthPath&) const = default;
};

struct ComposeService {
  std::string name;
  Span name_span;
  std::vector<std::string> container_ports;  // `ports` targets and `expose`, numbers as written
  bool ports_complete = true;  // false when a port is interpolated or a range we did not expand
  // `build`: the Dockerfile it builds from, as the engine resolves it (context + dockerfile).
  bool builds = false;
  std::string build_context;     // as written ("." when not)
  std::string dockerfile;        // as written ("Dockerfile" when not)
  Span build_span;               // `dockerfile` value when written, else the context value
  bool dockerfile_written = false;
  bool interpolated_build = false;  // ${...} in context or dockerfile: not judged
  bool healthcheck = false;         // a healthcheck that is not disabled
  std::vector<NamedRef> depends_on;  // service names, list or mapping form
  // From the unified model (model/stack/runtime_facts.cpp):
  HealthPath health;
  bool user_set = false;  // `user:` written
  std::string image;      // `image:` as written (empty: none)
  Span image_span;
  bool operator==(const ComposeService&) const = default;
};

struct NginxUpstream {
  std::string name;
  Span name_span;
  bool keepalive = false;
  Span keepalive_span;
  std::vector<Endpoint> servers;
  bool operator==(const NginxUpstream&) const = default;
};

// proxy_pass / fastcgi_pass / grpc_pass / uwsgi_pass / scgi_pass to a literal host.
struct NginxPass {
  std::string directive;
  Endpoint target;
  bool default_port = false;  // the port is the scheme's default, not written
  bool operator==(const NginxPass&) const = default;
};

struct KubeService {
  std::string name;
  std::string ns;
  std::string describe;  // "Service/api"
  Span name_span;
  std::vector<std::string> ports;  // port numbers and port names
  std::vector<std::pair<std::string, std::string>> selector;  // spec.selector (plain map)
  Span selector_span;
  Span ports_span;
  bool operator==(const KubeService&) const = default;
};

// A Kubernetes object with a pod template: what a Service may select.
struct KubeWorkload {
  std::string kind;
  std::string name;
  std::string ns;
  Span name_span;
  std::vector<std::pair<std::string, std::string>> pod_labels;
  struct Container {
    std::string name;
    std::string image;
    Span image_span;
    HealthPath liveness;  // livenessProbe, else startupProbe
    bool operator==(const Container&) const = default;
  };
  std::vector<Container> containers;
  bool operator==(const KubeWorkload&) const = default;
};

// Any named Kubernetes object, for references by kind and name (HPA targets, ConfigMaps, ...).
struct KubeObject {
  std::string kind;
  std::string name;
  std::string ns;
  Span span;
  bool operator==(const KubeObject&) const = default;
};

// A LabelSelector (matchLabels and matchExpressions), evaluated against pod template labels.
struct LabelRequirement {
  std::string key;
  std::string op;  // In, NotIn, Exists, DoesNotExist
  std::vector<std::string> values;
  bool operator==(const LabelRequirement&) const = default;
};
struct LabelSelector {
  std::vector<std::pair<std::string, std::string>> labels;
  std::vector<LabelRequirement> expressions;
  bool empty() const { return labels.empty() && expressions.empty(); }
  bool matches(const std::vector<std::pair<std::string, std::string>>& pod_labels) const;
  bool operator==(const LabelSelector&) const = default;
};

// One object naming another: an Ingress backend (Service and port), an HPA's scale target, a
// pod's ServiceAccount, ConfigMap, Secret or PersistentVolumeClaim.
struct KubeReference {
  enum class Via { ingress_backend, scale_target, pod_reference };
  Via via = Via::pod_reference;
  std::string from;   // "Ingress/shop", as messages name it
  std::string label;  // "Ingress `shop`", as the stack's ends name it
  std::string ns;
  std::string kind;  // of the object named
  std::string name;
  Span span;
  std::string port;  // Ingress backends: a number or a port name (empty: none written)
  Span port_span;
  bool operator==(const KubeReference&) const = default;
};

// A PodDisruptionBudget: what it protects is what its selector selects.
struct KubeBudget {
  std::string from;
  std::string label;
  std::string ns;
  LabelSelector selector;
  Span selector_span;
  bool operator==(const KubeBudget&) const = default;
};

struct ScrapeTarget {
  std::string job;
  Endpoint target;
  bool operator==(const ScrapeTarget&) const = default;
};

// prometheus.yml: how often a job is scraped (job empty: the global interval).
struct ScrapeInterval {
  std::string job;
  std::int64_t ms = 60000;
  Span span;  // where it is written (empty: Prometheus' default of 1m)
  bool operator==(const ScrapeInterval&) const = default;
};

// A range-vector function over a selector in a rule expression: rate(x{job="api"}[1m]).
struct RateRange {
  std::string function;  // rate, irate, increase, delta, idelta, deriv
  std::string metric;
  std::string job;  // the selector's job="x" matcher (empty: none)
  std::int64_t range_ms = 0;
  Span span;            // the duration inside the brackets
  bool editable = false;  // the span's bytes are the duration's text (no YAML escapes)
  std::string owner;    // the rule's alert or record name
  bool operator==(const RateRange&) const = default;
};


struct DocumentFacts {
  Kind kind = Kind::unknown;
  // compose
  std::vector<ComposeService> compose_services;
  // Files a compose file reads: top-level `include` paths and `extends.file` (owner: "include"
  // or "extends of service `x`").
  std::vector<NamedRef> compose_files;
  // Dockerfile
  std::vector<std::string> exposed_ports;
  bool image_healthcheck = false;  // the final stage has a HEALTHCHECK (not NONE)
  HealthPath image_health;         // the path that HEALTHCHECK fetches, when it is a URL
  bool image_user_set = false;     // the final image sets a USER other than root
  Span image_span;                 // the final stage's FROM
  // nginx
  std::vector<NginxUpstream> upstreams;
  std::vector<NginxPass> passes;
  // Every upstream name the configuration defines, included files too: a *_pass to one of
  // them names the upstream, not a service.
  std::vector<std::string> upstream_names;
  // Kubernetes
  std::vector<KubeService> kube_services;
  std::vector<KubeWorkload> kube_workloads;
  std::vector<KubeObject> kube_objects;  // every named object, workloads and Services too
  std::vector<KubeReference> kube_references;
  std::vector<KubeBudget> kube_budgets;
  // prometheus.yml
  std::vector<NamedRef> rule_files;
  std::vector<NamedRef> scrape_jobs;
  std::vector<ScrapeTarget> scrape_targets;
  std::vector<ScrapeInterval> scrape_intervals;  // the global one first, then per job
  // Prometheus rule files (and PrometheusRule objects): `job="x"` matchers
  std::vector<NamedRef> job_selectors;
  std::vector<NamedRef> recording_rules;   // `record:` names
  std::vector<NamedRef> recorded_metrics;  // metric names with a colon read by an expression
  // Series read without a job="x" matcher, one per rule and source (a well-known exporter, or
  // the application): prometheus_links finds the scrape job they rely on.
  std::vector<NamedRef> jobless_metrics;
  std::vector<RateRange> rate_ranges;
  // railway
  std::vector<NamedRef> railway_dockerfiles;
  std::vector<HealthPath> railway_health;  // deploy.healthcheckPath

  bool empty() const;
  bool operator==(const DocumentFacts&) const = default;
};

// Adds what the unified model says of the document's containers (users, images, health
// paths) to facts `extract_facts` made; in runtime_facts.cpp.
void add_runtime_facts(const Document& doc, DocumentFacts& out);

// "/health" from "http://localhost:3000/health?full=1": the path of the first http(s) URL in
// a command; `offset` is where `text` starts in the document.
HealthPath url_health_path(std::string_view text, std::size_t offset, std::string source);

// Reads a parsed document (tree and model alive) into its facts.
DocumentFacts extract_facts(const Document& doc);

// Every span of the document a stack rule may report at (its references).
void for_each_referring_span(const DocumentFacts& facts, const std::function<void(Span)>& visit);

// Splits "host:port" ("[v6]:port", "host"); nothing for unix sockets or variables.
bool split_host_port(std::string_view text, std::string& host, std::string& port);

}  // namespace infralint::stack
