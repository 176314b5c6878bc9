// Reading policy files: every mistake at its line and column, with a "did you mean" for names.
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/line_index.hpp"
#include "core/spelling.hpp"
#include "model/yaml_values.hpp"
#include "parse/yaml/yaml.hpp"
#include "policy/measures.hpp"
#include "policy/paths.hpp"
#include "policy/policy.hpp"

namespace infralint::policy {
namespace {

// The name among `known` that `name` most likely misspells: a tolerance that grows with the
// name's length; nothing for absurdly long names.
std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string_view>& known) {
  if (name.size() > 64) return std::nullopt;
  std::size_t tolerance = name.size() >= 8 ? 3 : name.size() >= 4 ? 2 : 1;
  auto found = closest_spelling(name, known, tolerance);
  if (!found) return std::nullopt;
  return std::string(*found);
}

using yaml::Node;

const std::vector<std::string_view> kPolicyKeys{"id",         "title",      "message", "severity",
                                                "categories", "compliance", "docs",    "match",
                                                "when",       "require"};
const std::vector<std::string_view> kConditionKeys{
    "path", "exists", "equals", "in", "matches", "lt", "le", "gt", "ge", "as", "all", "any", "not"};
const std::vector<std::string_view> kTargets{"document",        "kubernetes", "compose-service",
                                             "container",       "image",      "nginx-directive",
                                             "prometheus-rule", "scrape-job"};
// Words people reach for that are spelt differently here.
const std::vector<std::pair<std::string_view, std::string_view>> kSynonyms{
    {"description", "docs"}, {"name", "id"},   {"level", "severity"}, {"condition", "require"},
    {"assert", "require"},   {"if", "when"},   {"where", "when"},     {"regex", "matches"},
    {"pattern", "matches"},  {"eq", "equals"}, {"equal", "equals"},   {"one-of", "in"},
    {"and", "all"},          {"or", "any"},    {"none", "not"},       {"kind", "document"}};
// clang-format off
const std::vector<std::string_view> kKnownKubernetesKinds{
    "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job",
    "CronJob", "PodTemplate", "Service", "Ingress", "IngressClass", "ConfigMap", "Secret",
    "Namespace", "ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding",
    "NetworkPolicy", "PersistentVolume", "PersistentVolumeClaim", "StorageClass",
    "HorizontalPodAutoscaler", "PodDisruptionBudget", "LimitRange", "ResourceQuota",
    "PriorityClass", "Endpoints", "EndpointSlice", "CustomResourceDefinition",
    "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "PrometheusRule",
    "ServiceMonitor", "PodMonitor", "List"};
// clang-format on
const std::vector<std::string_view> kNginxContexts{"main",     "events",   "http", "server",
                                                   "location", "upstream", "if",   "limit_except",
                                                   "mail",     "stream"};
const std::vector<std::string_view> kFormats{
    "dockerfile", "compose",          "kubernetes",       "nginx",
    "railway",    "prometheus-rules", "prometheus-config"};

std::string quoted_list(const std::vector<std::string_view>& names) {
  return fmt::format("`{}`", fmt::join(names, "`, `"));
}

class Loader {
 public:
  Loader(const std::string& file, std::string_view text, PolicySet& out,
         std::vector<PolicyError>& errors, bool in_config)
      : file_(file), text_(text), lines_(text), out_(out), errors_(errors), in_config_(in_config) {}

  void load() {
    std::vector<ParseError> parse_errors;
    auto stream = yaml::parse(text_, parse_errors);
    for (const ParseError& e : parse_errors) report(e.span.begin, e.message);
    if (!parse_errors.empty()) return;
    const Node* root = nullptr;
    for (const auto& d : stream->documents)
      if (d.root) {
        if (root) return report(d.span.begin, "a policy file holds one YAML document");
        root = d.root;
      }
    if (!root || !root->is_mapping())
      return report(root ? root->span.begin : 0,
                    "a policy file is a mapping with a `policies:` list");
    if (!in_config_)
      for (const yaml::Pair& p : root->pairs)
        if (p.key->value != "policies")
          unknown_key(*p.key, {"policies"}, "at the top of a policy file");
    const Node* list = root->get("policies");
    if (!list && in_config_) return;
    if (!list) return report(root->span.begin, "no `policies:` list in this file");
    if (!list->is_sequence())
      return report(list->span.begin, "`policies` must be a list of policies (`- id: ...`)");
    for (const Node* item : list->items) {
      if (in_config_ && item->is_scalar()) continue;  // a policy file: the config reader's
      failed_ = false;
      Policy policy;
      read_policy(*item, policy);
      if (!failed_) out_.policies.push_back(std::move(policy));
    }
  }

 private:
  void report(std::size_t offset, std::string message) {
    Position p = lines_.position(offset);
    errors_.push_back({file_, p.line, p.column, std::move(message)});
    failed_ = true;
  }
  void report(const Node& node, std::string message) {
    report(node.span.begin, std::move(message));
  }

  void unknown_key(const Node& key, const std::vector<std::string_view>& known,
                   std::string_view where) {
    std::string hint;
    for (auto [wrong, right] : kSynonyms)
      if (key.value == wrong && std::find(known.begin(), known.end(), right) != known.end())
        hint = fmt::format("; did you mean `{}`?", right);
    if (hint.empty()) {
      if (auto close = closest_name(key.value, known))
        hint = fmt::format("; did you mean `{}`?", *close);
      else
        hint = fmt::format(" (expected one of {})", quoted_list(known));
    }
    report(key, fmt::format("unknown key `{}` {}{}", key.value, where, hint));
  }

  void check_keys(const Node& mapping, const std::vector<std::string_view>& known,
                  std::string_view where) {
    for (const yaml::Pair& p : mapping.pairs)
      if (std::find(known.begin(), known.end(), p.key->value) == known.end())
        unknown_key(*p.key, known, where);
  }

  std::optional<std::string> string_of(const Node* node, std::string_view what) {
    if (!node) return std::nullopt;
    if (!node->is_scalar() || node->is_null()) {
      report(*node, fmt::format("`{}` must be a string", what));
      return std::nullopt;
    }
    return node->value;
  }

  // A string or a list of strings.
  std::vector<const Node*> names_of(const Node* node, std::string_view what) {
    std::vector<const Node*> out;
    if (!node || node->is_null()) return out;
    if (node->is_scalar()) return {node};
    if (node->is_sequence()) {
      for (const Node* item : node->items) {
        if (item->is_scalar() && !item->is_null())
          out.push_back(item);
        else
          report(*item, fmt::format("`{}` must list strings", what));
      }
      return out;
    }
    report(*node, fmt::format("`{}` must be a string or a list of strings", what));
    return out;
  }

  // A name that must be one of `known`.
  bool known_name(const Node& name, const std::vector<std::string_view>& known,
                  std::string_view what) {
    if (std::find(known.begin(), known.end(), name.value) != known.end()) return true;
    auto close = closest_name(name.value, known);
    report(name, close
                     ? fmt::format("unknown {} `{}`; did you mean `{}`?", what, name.value, *close)
                     : fmt::format("unknown {} `{}` (expected one of {})", what, name.value,
                                   quoted_list(known)));
    return false;
  }

  void read_policy(const Node& item, Policy& policy) {
    if (!item.is_mapping())
      return report(item, "a policy is a mapping (`id:`, `match:`, `require:`, ...)");
    check_keys(item, kPolicyKeys, "in a policy");
    policy.file = file_;
    policy.line = lines_.position(item.span.begin).line;
    policy.source = source_of(item);
    const Node* id = item.get("id");
    if (!id) return report(item, "a policy needs an `id` (its findings carry `policy/<id>`)");
    if (auto text = string_of(id, "id")) {
      policy.id = *text;
      if (!valid_id(*text))
        report(*id, fmt::format("policy id `{}` must be lowercase words joined by `-`, e.g. "
                                "`require-team-label`",
                                *text));
      else if (!seen_ids_.insert(*text).second || already_loaded(*text))
        report(*id, fmt::format("policy id `{}` is defined twice", *text));
    }
    policy.rule_id = "policy/" + policy.id;
    policy.title = string_of(item.get("title"), "title").value_or(policy.id);
    policy.message = string_of(item.get("message"), "message").value_or("");
    if (const Node* message = item.get("message"); message && message->is_scalar())
      check_placeholders(*message);
    policy.docs = string_of(item.get("docs"), "docs").value_or("");
    if (const Node* severity = item.get("severity")) {
      auto text = string_of(severity, "severity");
      if (text && known_name(*severity, {"error", "warning", "info"}, "severity"))
        policy.severity = *parse_severity(*text);
    }
    for (const Node* c : names_of(item.get("categories"), "categories")) {
      static const std::vector<std::string_view> kCategories{
          "security", "compliance", "reliability", "performance", "cost", "correctness", "style"};
      if (!known_name(*c, kCategories, "category")) continue;
      for (Category cat :
           {Category::security, Category::compliance, Category::reliability, Category::performance,
            Category::cost, Category::correctness, Category::style})
        if (to_string(cat) == c->value) policy.categories.push_back(cat);
    }
    if (policy.categories.empty()) policy.categories.push_back(Category::compliance);
    for (const Node* c : names_of(item.get("compliance"), "compliance"))
      policy.compliance.push_back(c->value);

    const Node* match = item.get("match");
    if (!match)
      report(item,
             "a policy needs `match:` (what it looks at, e.g. `kubernetes: {kind: Deployment}`)");
    else
      read_target(*match, policy.target);
    if (const Node* when = item.get("when")) policy.when = read_condition(*when);
    const Node* require = item.get("require");
    if (!require)
      report(item, "a policy needs `require:` (the condition every matched object must meet)");
    else
      policy.require = read_condition(*require);
  }

  // The policy's lines as written, without their common indentation.
  std::string source_of(const Node& item) const {
    Position start = lines_.position(item.span.begin);
    std::string text(start.column - 1, ' ');
    text += text_.substr(item.span.begin, item.span.size());
    std::vector<std::string> lines;
    std::size_t indent = std::string::npos;
    for (std::size_t pos = 0; pos <= text.size();) {
      std::size_t eol = std::min(text.find('\n', pos), text.size());
      std::string line = text.substr(pos, eol - pos);
      if (auto first = line.find_first_not_of(' '); first != std::string::npos)
        indent = std::min(indent, first);
      lines.push_back(std::move(line));
      pos = eol + 1;
    }
    std::string out;
    for (const std::string& line : lines)
      out += (line.size() > indent ? line.substr(indent) : std::string()) + "\n";
    return out;
  }

  bool already_loaded(const std::string& id) const {
    for (const Policy& p : out_.policies)
      if (p.id == id) return true;
    return false;
  }

  static bool valid_id(std::string_view id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') return false;
    for (std::size_t i = 0; i < id.size(); ++i) {
      char c = id[i];
      bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && id[i - 1] != '-');
      if (!ok) return false;
    }
    return true;
  }

  void read_target(const Node& match, Target& target) {
    if (!match.is_mapping() || match.pairs.empty())
      return report(match, fmt::format("`match` names what the policy looks at: one of {}",
                                       quoted_list(kTargets)));
    if (match.pairs.size() > 1)
      return report(*match.pairs[1].key,
                    "`match` names one kind of object; write one policy per kind");
    const yaml::Pair& p = match.pairs.front();
    const std::string& name = p.key->value;
    if (!known_name(*p.key, kTargets, "target")) return;
    static const std::vector<std::pair<std::string_view, TargetType>> kTypes{
        {"document", TargetType::document},
        {"kubernetes", TargetType::kubernetes},
        {"compose-service", TargetType::compose_service},
        {"container", TargetType::container},
        {"image", TargetType::image},
        {"nginx-directive", TargetType::nginx_directive},
        {"prometheus-rule", TargetType::prometheus_rule},
        {"scrape-job", TargetType::scrape_job}};
    for (auto [n, t] : kTypes)
      if (n == name) target.type = t;
    const Node& filters = *p.value;
    if (filters.is_null()) return;
    if (!filters.is_mapping())
      return report(filters, fmt::format("`{}` takes a mapping of filters, or nothing", name));
    std::vector<std::string_view> allowed;
    switch (target.type) {
      case TargetType::document:
        allowed = {"format"};
        break;
      case TargetType::kubernetes:
        allowed = {"kind", "apiVersion", "name"};
        break;
      case TargetType::container:
        allowed = {"format", "name"};
        break;
      case TargetType::image:
        allowed = {"format"};
        break;
      case TargetType::nginx_directive:
        allowed = {"name", "context"};
        break;
      case TargetType::prometheus_rule:
        allowed = {"type", "name"};
        break;
      case TargetType::compose_service:
      case TargetType::scrape_job:
        allowed = {"name"};
        break;
    }
    check_keys(filters, allowed, fmt::format("in `match.{}`", name));
    for (const Node* f : names_of(filters.get("format"), "format")) {
      if (!known_name(*f, kFormats, "format")) continue;
      Kind kind = *parse_kind(f->value);
      std::vector<Kind> possible = kinds_of(Target{target.type});
      if (std::find(possible.begin(), possible.end(), kind) == possible.end())
        report(*f, fmt::format("`{}` has no {} in {} files", name, name, f->value));
      else
        target.formats.push_back(kind);
    }
    for (const Node* k : names_of(filters.get("kind"), "kind")) {
      auto close = closest_name(k->value, kKnownKubernetesKinds);
      bool known = std::find(kKnownKubernetesKinds.begin(), kKnownKubernetesKinds.end(),
                             k->value) != kKnownKubernetesKinds.end();
      // Custom resources have kinds of their own; only a near miss of a built-in one is a typo.
      if (!known && close)
        report(*k,
               fmt::format("unknown Kubernetes kind `{}`; did you mean `{}`?", k->value, *close));
      target.kinds.push_back(k->value);
    }
    for (const Node* v : names_of(filters.get("apiVersion"), "apiVersion"))
      target.api_versions.push_back(v->value);
    for (const Node* n : names_of(filters.get("name"), "name")) target.names.push_back(n->value);
    for (const Node* c : names_of(filters.get("context"), "context"))
      if (known_name(*c, kNginxContexts, "nginx context")) target.contexts.push_back(c->value);
    if (const Node* type = filters.get("type"))
      if (auto text = string_of(type, "type");
          text && known_name(*type, {"alert", "recording"}, "rule type"))
        target.alerting = *text == "alert";
  }

  // The position in the file of byte `offset` of a scalar's decoded value.
  std::size_t offset_in(const Node& scalar, std::size_t offset) {
    return span_within_scalar(scalar, offset, 0).begin;
  }

  std::optional<Path> read_path(const Node& node) {
    if (!node.is_scalar() || node.is_null()) {
      report(node, "`path` must be a string such as `metadata.labels.team`");
      return std::nullopt;
    }
    auto parsed = parse_path(node.value);
    if (!parsed.error.empty()) {
      report(offset_in(node, parsed.error_offset), parsed.error);
      return std::nullopt;
    }
    return parsed.path;
  }

  void check_placeholders(const Node& message) {
    std::string_view text = message.value;
    for (std::size_t at = text.find("{{"); at != std::string_view::npos;
         at = text.find("{{", at + 2)) {
      std::size_t close = text.find("}}", at + 2);
      if (close == std::string_view::npos)
        return report(offset_in(message, at), "`{{` without its closing `}}` in the message");
      std::string_view inner = text.substr(at + 2, close - at - 2);
      std::size_t lead = inner.find_first_not_of(' ');
      std::size_t trail = inner.find_last_not_of(' ');
      std::string_view name =
          lead == std::string_view::npos ? "" : inner.substr(lead, trail - lead + 1);
      std::size_t name_at = at + 2 + (lead == std::string_view::npos ? 0 : lead);
      if (name.starts_with('$')) {
        static const std::vector<std::string_view> kSpecial{"$value", "$path", "$reason",
                                                            "$object"};
        if (std::find(kSpecial.begin(), kSpecial.end(), name) == kSpecial.end()) {
          auto close_name = closest_name(name, kSpecial);
          report(offset_in(message, name_at),
                 fmt::format("unknown placeholder `{}`{}", name,
                             close_name ? fmt::format("; did you mean `{}`?", *close_name)
                                        : fmt::format(" (expected a path or one of {})",
                                                      quoted_list(kSpecial))));
        }
        continue;
      }
      auto parsed = parse_path(name);
      if (!parsed.error.empty())
        report(offset_in(message, name_at + parsed.error_offset), parsed.error);
    }
  }

  std::optional<Literal> literal_of(const Node& node, std::string_view op) {
    if (!node.is_scalar()) {
      report(node, fmt::format("`{}` takes a single value (a string, number or boolean)", op));
      return std::nullopt;
    }
    Literal l;
    l.text = node.value;
    switch (node.type) {
      case yaml::ScalarType::integer:
      case yaml::ScalarType::floating:
        l.type = Literal::Type::number;
        break;
      case yaml::ScalarType::boolean:
        l.type = Literal::Type::boolean;
        break;
      case yaml::ScalarType::null:
        l.type = Literal::Type::null;
        break;
      case yaml::ScalarType::string:
        l.type = Literal::Type::string;
        break;
    }
    return l;
  }

  std::vector<Condition> read_conditions(const Node& list, std::string_view op) {
    std::vector<Condition> out;
    if (!list.is_sequence() || list.items.empty()) {
      report(list, fmt::format("`{}` takes a non-empty list of conditions", op));
      return out;
    }
    for (const Node* item : list.items) out.push_back(read_condition(*item));
    return out;
  }

  Condition read_condition(const Node& node) {
    Condition c;
    if (!node.is_mapping()) {
      report(node, "a condition is a mapping such as `{path: metadata.labels.team, exists: true}`");
      return c;
    }
    check_keys(node, kConditionKeys, "in a condition");
    bool has_operator = false;
    if (const Node* path = node.get("path")) c.path = read_path(*path);
    if (const Node* exists = node.get("exists")) {
      has_operator = true;
      if (exists->is_scalar() && exists->type == yaml::ScalarType::boolean)
        c.exists = exists->value == "true" || exists->value == "True" || exists->value == "TRUE";
      else
        report(*exists, "`exists` takes `true` or `false`");
    }
    if (const Node* equals = node.get("equals")) {
      has_operator = true;
      c.equals = literal_of(*equals, "equals");
    }
    if (const Node* in = node.get("in")) {
      has_operator = true;
      if (!in->is_sequence() || in->items.empty()) {
        report(*in, "`in` takes a non-empty list of values");
      } else {
        c.in.emplace();
        for (const Node* item : in->items)
          if (auto l = literal_of(*item, "in")) c.in->push_back(*l);
      }
    }
    if (const Node* matches = node.get("matches")) {
      has_operator = true;
      if (!matches->is_scalar() || matches->is_null()) {
        report(*matches, "`matches` takes a regular expression (RE2 syntax) as a string");
      } else {
        RE2::Options options;
        options.set_log_errors(false);
        auto re = std::make_shared<RE2>(matches->value, options);
        if (!re->ok()) {
          std::size_t at =
              re->error_arg().empty() ? std::string::npos : matches->value.find(re->error_arg());
          report(offset_in(*matches, at == std::string::npos ? 0 : at),
                 fmt::format("invalid regular expression: {} (RE2 syntax)", re->error()));
        } else {
          c.matches = std::move(re);
        }
      }
    }
    std::optional<Measure> as;
    if (const Node* as_node = node.get("as")) {
      auto text = string_of(as_node, "as");
      if (text && known_name(*as_node, {"number", "duration", "quantity"}, "measure"))
        as = *text == "number"     ? Measure::number
             : *text == "duration" ? Measure::duration
                                   : Measure::quantity;
    }
    static const std::pair<std::string_view, Comparison::Op> kOps[] = {{"lt", Comparison::Op::lt},
                                                                       {"le", Comparison::Op::le},
                                                                       {"gt", Comparison::Op::gt},
                                                                       {"ge", Comparison::Op::ge}};
    for (auto [name, op] : kOps) {
      const Node* bound = node.get(name);
      if (!bound) continue;
      has_operator = true;
      if (auto cmp = read_comparison(*bound, name, op, as)) c.comparisons.push_back(*cmp);
    }
    if (node.get("as") && c.comparisons.empty() && !failed_)
      report(*node.pair("as")->key, "`as` only says how `lt`, `le`, `gt` or `ge` compare");
    if (const Node* all = node.get("all")) {
      has_operator = true;
      c.all = read_conditions(*all, "all");
    }
    if (const Node* any = node.get("any")) {
      has_operator = true;
      c.any = read_conditions(*any, "any");
    }
    if (const Node* negated = node.get("not")) {
      has_operator = true;
      c.negated.push_back(read_condition(*negated));
    }
    if (!has_operator)
      report(node, node.get("path")
                       ? "a condition on a path needs an operator: `exists: true`, `equals`, `in`, "
                         "`matches`, `lt`, `le`, `gt`, `ge`, `all`, `any` or `not`"
                       : "a condition needs an operator: `exists`, `equals`, `in`, `matches`, "
                         "`lt`, `le`, `gt`, `ge`, `all`, `any` or `not`");
    return c;
  }

  std::optional<Comparison> read_comparison(const Node& bound, std::string_view name,
                                            Comparison::Op op, std::optional<Measure> as) {
    if (!bound.is_scalar() || bound.is_null()) {
      report(bound,
             fmt::format("`{}` takes a number, a duration (`5m`) or a quantity (`512Mi`)", name));
      return std::nullopt;
    }
    Comparison cmp;
    cmp.op = op;
    cmp.text = bound.value;
    if (as) {
      cmp.measure = *as;
    } else {
      switch (read_bound(bound.value)) {
        case BoundReading::number:
          cmp.measure = Measure::number;
          break;
        case BoundReading::duration:
          cmp.measure = Measure::duration;
          break;
        case BoundReading::quantity:
          cmp.measure = Measure::quantity;
          break;
        case BoundReading::ambiguous:
          report(bound,
                 fmt::format("`{}` is both a duration (minutes) and a quantity (thousandths): "
                             "add `as: duration` or `as: quantity`",
                             bound.value));
          return std::nullopt;
        case BoundReading::invalid:
          report(bound, fmt::format("`{}: {}` is not a number, a duration (`5m`, `1h30m`) or a "
                                    "quantity (`500m`, `1Gi`)",
                                    name, bound.value));
          return std::nullopt;
      }
    }
    auto value = parse_measure(cmp.measure, bound.value);
    if (!value) {
      report(bound, fmt::format("`{}` is not a {}", bound.value,
                                cmp.measure == Measure::duration   ? "duration"
                                : cmp.measure == Measure::quantity ? "quantity"
                                                                   : "number"));
      return std::nullopt;
    }
    cmp.bound = *value;
    return cmp;
  }

  const std::string& file_;
  std::string_view text_;
  LineIndex lines_;
  PolicySet& out_;
  std::vector<PolicyError>& errors_;
  std::set<std::string> seen_ids_;
  bool in_config_ = false;
  bool failed_ = false;
};

}  // namespace

std::string PolicyError::to_string() const {
  return fmt::format("{}:{}:{}: error: {}", file, line, column, message);
}

std::vector<PolicyError> load_policy_text(const std::string& path, std::string_view text,
                                          PolicySet& out, bool in_config) {
  std::vector<PolicyError> errors;
  Loader(path, text, out, errors, in_config).load();
  return errors;
}

std::vector<PolicyError> load_policy_file(const std::string& path, PolicySet& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {{path, 1, 1, "cannot read the policy file"}};
  std::stringstream buffer;
  buffer << in.rdbuf();
  return load_policy_text(path, buffer.str(), out);
}

}  // namespace infralint::policy
