#pragma once
// The policy language, as loaded from a policy file: what a policy matches, the conditions it
// requires, and how it reports. See the README's "Custom policies" section.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/kind.hpp"
#include "core/severity.hpp"
#include "engine/rule.hpp"

namespace re2 {
class RE2;
}

namespace infralint::policy {

// One step of a path: a key (`labels`, `"app.kubernetes.io/name"`), an index (`[0]`), or every
// child (`[*]`, `*`).
struct PathStep {
  enum class Type { key, index, every };
  Type type = Type::key;
  std::string key;
  std::size_t index = 0;
};

struct Path {
  std::vector<PathStep> steps;
  std::string text;  // as written
};

// A literal of the policy (`equals: 3`, `in: [a, b]`): its text and whether YAML typed it as a
// number or a boolean, which decides how it compares.
struct Literal {
  std::string text;
  enum class Type { string, number, boolean, null } type = Type::string;
};

// `lt`, `le`, `gt`, `ge` with a bound measured as a plain number, a duration (`5m`, `1h30m`)
// or a Kubernetes quantity (`500m`, `1Gi`).
enum class Measure { number, duration, quantity };
struct Comparison {
  enum class Op { lt, le, gt, ge };
  Op op = Op::lt;
  Measure measure = Measure::number;
  double bound = 0;  // seconds for durations, base units for quantities
  std::string text;  // the bound as written
};

// A condition: on the value reached by `path` (or on the current value when there is no
// path), every operator given must hold; with a `[*]`/`*` step, for every value reached.
// `all`/`any`/`not` nest conditions relative to that value.
struct Condition {
  std::optional<Path> path;
  std::optional<bool> exists;
  std::optional<Literal> equals;
  std::optional<std::vector<Literal>> in;
  std::shared_ptr<const re2::RE2> matches;
  std::vector<Comparison> comparisons;
  std::optional<std::vector<Condition>> all;
  std::optional<std::vector<Condition>> any;
  std::vector<Condition> negated;  // `not`: zero or one condition
};

// What a policy looks at, and which of those it keeps.
enum class TargetType {
  document,         // the root of each YAML document
  kubernetes,       // each Kubernetes object (List items included)
  compose_service,  // each service of a compose file
  container,        // the model's containers: compose services, Kubernetes containers, the
                    // final image of a Dockerfile, a Railway service
  image,            // the model's images: Dockerfile FROM, compose and Kubernetes `image`
  nginx_directive,  // each nginx directive of the file
  prometheus_rule,  // each alerting or recording rule (rule files, PrometheusRule objects)
  scrape_job,       // each scrape job of prometheus.yml
};

struct Target {
  TargetType type = TargetType::document;
  std::vector<Kind> formats;       // document, container, image; empty: every one
  std::vector<std::string> kinds;  // kubernetes: `kind`
  std::vector<std::string> api_versions;
  std::vector<std::string> names;     // metadata.name, service, container, directive, rule, job
  std::vector<std::string> contexts;  // nginx: main, http, server, location, ...
  std::optional<bool> alerting;       // prometheus-rule type: alert (true), recording (false)
};

struct Policy {
  std::string id;  // without the `policy/` prefix
  std::string rule_id;
  std::string title;
  std::string message;  // with {{ path }} and {{ $value }}-style placeholders; empty: default
  std::string docs;
  Severity severity = Severity::warning;
  std::vector<Category> categories;
  std::vector<std::string> compliance;
  Target target;
  std::optional<Condition> when;
  Condition require;
  std::string file;  // where it was defined, for `explain`
  std::size_t line = 0;
  std::string source;  // the policy's YAML, shown by `explain`
};

// The document kinds a target looks at.
std::vector<Kind> kinds_of(const Target& target);

}  // namespace infralint::policy
