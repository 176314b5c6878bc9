#include "model/stack/facts.hpp"

#include <algorithm>
#include <cctype>

#include "model/compose_file.hpp"
#include "model/entities.hpp"
#include "model/kubernetes_objects.hpp"
#include "model/kubernetes_relations.hpp"
#include "model/yaml_values.hpp"
#include "model/nginx_config.hpp"
#include "model/prometheus_entities.hpp"
#include "model/stack/prometheus_links.hpp"
#include "model/railway_config.hpp"
#include "parse/dockerfile/ast.hpp"
#include "parse/nginx/ast.hpp"
#include "parse/promql/ast.hpp"
#include "parse/yaml/yaml.hpp"
#include "model/dockerfile_facts.hpp"

namespace infralint::stack {
namespace {

bool has_variable(std::string_view s) { return s.find('$') != std::string_view::npos; }

const yaml::Node* scalar(const yaml::Node* n) {
  return n && n->is_scalar() && !n->is_null() ? n : nullptr;
}

// "8080", "127.0.0.1:80:8080", "80:8080/tcp", "8000-8001:8000-8001": the container side.
std::string container_side(std::string_view spec) {
  auto slash = spec.find('/');
  if (slash != std::string_view::npos) spec = spec.substr(0, slash);
  auto colon = spec.rfind(':');
  if (colon != std::string_view::npos) spec = spec.substr(colon + 1);
  return std::string(spec);
}

void add_ports(std::string_view spec, ComposeService& service) {
  if (has_variable(spec)) {
    service.ports_complete = false;
    return;
  }
  std::string side = container_side(spec);
  auto dash = side.find('-');
  if (dash == std::string::npos) {
    service.container_ports.push_back(side);
    return;
  }
  // A range: expanded when small, else judged as unknown.
  unsigned long first = 0, last = 0;
  try {
    first = std::stoul(side.substr(0, dash));
    last = std::stoul(side.substr(dash + 1));
  } catch (...) {
    service.ports_complete = false;
    return;
  }
  if (last < first || last - first > 1024) {
    service.ports_complete = false;
    return;
  }
  for (unsigned long p = first; p <= last; ++p) service.container_ports.push_back(std::to_string(p));
}

// `depends_on` (list or mapping) and `extends.file`.
void compose_references(const yaml::Node& body, ComposeService& s, DocumentFacts& out) {
  if (const yaml::Node* deps = body.get("depends_on")) {
    if (deps->is_sequence())
      for (const yaml::Node* d : deps->items) {
        if (const yaml::Node* name = scalar(d)) s.depends_on.push_back({name->value, name->span, s.name});
      }
    else if (deps->is_mapping())
      for (const yaml::Pair& p : deps->pairs)
        if (const yaml::Node* name = scalar(p.key)) s.depends_on.push_back({name->value, name->span, s.name});
  }
  const yaml::Node* extends = body.get("extends");
  if (const yaml::Node* file = extends && extends->is_mapping() ? scalar(extends->get("file")) : nullptr;
      file && !has_variable(file->value))
    out.compose_files.push_back({file->value, file->span, "extends of service `" + s.name + "`"});
}

void compose_facts(const Document& doc, DocumentFacts& out) {
  const auto* stream = doc.tree<yaml::Stream>();
  if (!stream) return;
  for (const yaml::YamlDocument& d : stream->documents) {
    if (!d.root || !d.root->is_mapping()) continue;
    ComposeFile file{*stream, *d.root};
    for (const yaml::Pair* pair : file.services()) {
      const yaml::Node& body = *pair->value;
      ComposeService s;
      s.name = pair->key->value;
      s.name_span = pair->key->span;
      for (std::string_view key : {"ports", "expose"}) {
        const yaml::Node* list = body.get(key);
        if (!list || !list->is_sequence()) continue;
        for (const yaml::Node* item : list->items) {
          if (item->is_scalar()) {
            add_ports(item->value, s);
          } else if (item->is_mapping()) {
            if (const yaml::Node* target = scalar(item->get("target")))
              add_ports(target->value, s);
            else
              s.ports_complete = false;
          }
        }
      }
      if (const yaml::Node* build = body.get("build")) {
        if (const yaml::Node* context = scalar(build)) {
          s.builds = true;
          s.build_context = context->value;
          s.build_span = context->span;
        } else if (build->is_mapping()) {
          s.builds = true;
          s.build_context = ".";
          const yaml::Node* context = scalar(build->get("context"));
          if (context) {
            s.build_context = context->value;
            s.build_span = context->span;
          } else {
            s.build_span = build->span;
          }
          if (build->get("dockerfile_inline")) s.builds = false;
          if (const yaml::Node* file_node = scalar(build->get("dockerfile"))) {
            s.dockerfile = file_node->value;
            s.build_span = file_node->span;
            s.dockerfile_written = true;
          }
        }
        if (s.dockerfile.empty()) s.dockerfile = "Dockerfile";
        s.interpolated_build = has_variable(s.build_context) || has_variable(s.dockerfile);
      }
      if (const yaml::Node* hc = body.get("healthcheck"); hc && hc->is_mapping()) {
        const yaml::Node* disable = scalar(hc->get("disable"));
        const yaml::Node* test = hc->get("test");
        bool none_test = test && ((test->is_scalar() && test->value == "NONE") ||
                                  (test->is_sequence() && !test->items.empty() &&
                                   test->items[0]->value == "NONE"));
        s.healthcheck = !(disable && disable->value == "true") && !none_test;
      }
      compose_references(body, s, out);
      out.compose_services.push_back(std::move(s));
    }
    if (const yaml::Node* include = d.root->get("include"); include && include->is_sequence())
      for (const yaml::Node* item : include->items) {
        const yaml::Node* paths = item->is_mapping() ? item->get("path") : item;
        for (const yaml::Node* p : paths && paths->is_sequence() ? paths->items
                                                                  : std::vector<const yaml::Node*>{})
          if (const yaml::Node* file = scalar(p); file && !has_variable(file->value))
            out.compose_files.push_back({file->value, file->span, "include"});
        if (const yaml::Node* file = scalar(paths); file && !has_variable(file->value))
          out.compose_files.push_back({file->value, file->span, "include"});
      }
  }
}

void dockerfile_facts(const Document& doc, DocumentFacts& out) {
  const auto* file = doc.tree<dockerfile::File>();
  if (!file || file->stages.empty()) return;
  const dockerfile::Stage& last = file->stages.back();
  for (std::size_t i = last.first; i < last.last && i < file->instructions.size(); ++i) {
    const dockerfile::Instruction& ins = file->instructions[i];
    if (ins.keyword == dockerfile::Keyword::healthcheck)
      out.image_healthcheck = !(ins.words.size() == 1 && ins.words[0].value == "NONE");
    if (ins.keyword != dockerfile::Keyword::expose) continue;
    for (const ExposedPort& p : exposed_ports(*file, i))
      for (std::uint64_t n = p.first; n <= p.last && n - p.first <= 1024; ++n)
        out.exposed_ports.push_back(std::to_string(n));
  }
}

// "http://host:port/uri" (or "host:port" for fastcgi_pass): the endpoint, with the scheme's
// default port when none is written. Variables and unix sockets give nothing.
bool pass_endpoint(const nginx::Arg& arg, std::string_view directive, NginxPass& out) {
  std::string_view v = arg.value;
  if (has_variable(v) || v.starts_with("unix:")) return false;
  std::string default_port;
  auto scheme = v.find("://");
  if (scheme != std::string_view::npos) {
    std::string_view name = v.substr(0, scheme);
    default_port = name == "https" || name == "grpcs" ? "443" : "80";
    v.remove_prefix(scheme + 3);
  } else if (directive == "proxy_pass") {
    return false;  // nginx requires the scheme
  }
  if (v.starts_with("unix:")) return false;
  auto slash = v.find('/');
  std::size_t host_port_len = slash == std::string_view::npos ? v.size() : slash;
  std::string_view host_port = v.substr(0, host_port_len);
  std::string host, port;
  if (!split_host_port(host_port, host, port)) return false;
  std::size_t offset = arg.inner().begin + (arg.value.size() - v.size());
  out.directive = std::string(directive);
  out.target.host = host;
  out.target.span = {offset, offset + host_port_len};
  if (port.empty()) {
    out.target.port = default_port;
    out.default_port = true;
    out.target.port_span = out.target.span;
  } else {
    out.target.port = port;
    out.target.port_span = {offset + host_port_len - port.size(), offset + host_port_len};
  }
  // Escapes make offsets in the decoded value differ from the file: underline the argument.
  if (arg.inner().size() != arg.value.size()) out.target.span = out.target.port_span = arg.span;
  return true;
}

void nginx_facts(const Document& doc, DocumentFacts& out) {
  const auto* config = doc.tree<nginx::Config>();
  if (!config) return;
  nginx::walk(*config, nginx::file_context(doc, *config), [&](const nginx::Visit& v) {
    const nginx::Directive& d = v.directive;
    if (d.is("upstream") && d.block && !d.args.empty()) out.upstream_names.push_back(d.args[0].value);
    if (!v.in_document()) return;
    if (d.is("upstream") && d.block && !d.args.empty() &&
        v.context != nginx::Context::stream) {
      NginxUpstream u;
      u.name = d.args[0].value;
      u.name_span = d.args[0].span;
      for (const nginx::Directive& c : d.children) {
        if (c.is("keepalive")) {
          u.keepalive = true;
          u.keepalive_span = c.span();
        }
        if (!c.is("server") || c.args.empty() || c.file) continue;
        const nginx::Arg& a = c.args[0];
        Endpoint e;
        if (has_variable(a.value) || a.value.starts_with("unix:")) continue;
        if (!split_host_port(a.value, e.host, e.port)) continue;
        e.span = a.span;
        if (e.port.empty()) {
          e.port = "80";
          e.port_span = a.span;
        } else {
          e.port_span = a.inner().size() == a.value.size()
                            ? Span{a.inner().end - e.port.size(), a.inner().end}
                            : a.span;
        }
        u.servers.push_back(std::move(e));
      }
      out.upstreams.push_back(std::move(u));
      return;
    }
    static constexpr std::string_view kPasses[] = {"proxy_pass", "fastcgi_pass", "grpc_pass",
                                                   "uwsgi_pass", "scgi_pass"};
    for (std::string_view p : kPasses) {
      if (!d.is(p) || d.args.empty()) continue;
      NginxPass pass;
      if (pass_endpoint(d.args[0], p, pass)) out.passes.push_back(std::move(pass));
    }
  });
}

std::vector<std::pair<std::string, std::string>> string_map(const yaml::Node* map) {
  std::vector<std::pair<std::string, std::string>> out;
  if (map && map->is_mapping())
    for (const yaml::Pair& p : map->pairs)
      if (p.value->is_scalar()) out.emplace_back(p.key->value, p.value->value);
  return out;
}

LabelSelector label_selector(const yaml::Node* selector) {
  LabelSelector out;
  if (!selector || !selector->is_mapping()) return out;
  const yaml::Node* labels = selector->get("matchLabels");
  const yaml::Node* expressions = selector->get("matchExpressions");
  out.labels = string_map(labels || expressions ? labels : selector);
  if (expressions && expressions->is_sequence())
    for (const yaml::Node* e : expressions->items) {
      if (!e->is_mapping()) continue;
      LabelRequirement r{scalar_text(e->get("key")).value_or(""),
                         scalar_text(e->get("operator")).value_or(""), {}};
      if (const yaml::Node* values = e->get("values"); values && values->is_sequence())
        for (const yaml::Node* v : values->items)
          if (v->is_scalar()) r.values.push_back(v->value);
      out.expressions.push_back(std::move(r));
    }
  return out;
}

// "Deployment `api`": how the stack's ends name an object (graph nodes merge by it).
std::string object_label(const k8s::Object& o) { return o.kind + " `" + o.name + "`"; }

void kubernetes_references(const k8s::Object& o, DocumentFacts& out) {
  auto add = [&](KubeReference::Via via, std::string_view kind, const yaml::Node* name,
                 const yaml::Node* port) {
    auto text = scalar_text(name);
    // Empty and templated names (Helm) say nothing about the objects of the stack.
    if (!text || text->empty() || text->find("{{") != std::string::npos) return;
    KubeReference r{via,       o.describe(), object_label(o), o.namespace_, std::string(kind),
                    *text,     name->span,   {},              {}};
    if (auto p = scalar_text(port)) {
      r.port = *p;
      r.port_span = port->span;
    }
    out.kube_references.push_back(std::move(r));
  };
  if (o.pod_spec)
    for (const k8s::PodReference& r : k8s::pod_references(o.pod_spec))
      add(KubeReference::Via::pod_reference, r.kind, r.name, nullptr);
  if (o.kind == "Ingress")
    for (const k8s::IngressBackend& b : k8s::ingress_backends(o))
      add(KubeReference::Via::ingress_backend, "Service", b.name, b.port);
  if (o.kind == "HorizontalPodAutoscaler") {
    const yaml::Node* ref = at_path(o.node, {"spec", "scaleTargetRef"});
    if (auto kind = scalar_text(at_path(ref, {"kind"})))
      add(KubeReference::Via::scale_target, *kind, at_path(ref, {"name"}), nullptr);
  }
  if (o.kind == "PodDisruptionBudget") {
    const yaml::Node* selector = at_path(o.node, {"spec", "selector"});
    if (selector && selector->is_mapping() && !selector->pairs.empty())
      out.kube_budgets.push_back({o.describe(), object_label(o), o.namespace_,
                                  label_selector(selector), selector->span});
  }
}

void kubernetes_facts(const Document& doc, DocumentFacts& out) {
  const auto* stream = doc.tree<yaml::Stream>();
  if (!stream) return;
  std::vector<k8s::Object> scratch;
  for (const k8s::Object& o : k8s::objects_of(doc, *stream, scratch)) {
    if (!o.name.empty()) out.kube_objects.push_back({o.kind, o.name, o.namespace_, o.span()});
    kubernetes_references(o, out);
    if (o.pod_spec) {
      out.kube_workloads.push_back({o.kind, o.name, o.namespace_, o.span(),
                                    string_map(o.pod_metadata ? o.pod_metadata->get("labels")
                                                              : nullptr)});
      continue;
    }
    if (o.kind != "Service" || o.name.empty()) continue;
    KubeService s;
    s.name = o.name;
    s.ns = o.namespace_;
    s.name_span = o.span();
    s.describe = o.describe();
    if (const yaml::Node* spec = o.spec())
      if (const yaml::Node* selector = spec->get("selector"); selector && selector->is_mapping()) {
        s.selector = string_map(selector);
        s.selector_span = selector->span;
      }
    if (const yaml::Node* spec = o.spec())
      if (const yaml::Node* ports = spec->get("ports"); ports && ports->is_sequence())
        for (const yaml::Node* p : ports->items) {
          if (!p->is_mapping()) continue;
          if (const yaml::Node* n = scalar(p->get("port"))) s.ports.push_back(n->value);
          if (const yaml::Node* n = scalar(p->get("name"))) s.ports.push_back(n->value);
        }
    if (const yaml::Node* ports = at_path(o.spec(), {"ports"})) s.ports_span = ports->span;
    out.kube_services.push_back(std::move(s));
  }
}

void prometheus_config_facts(const Document& doc, DocumentFacts& out) {
  if (const auto* model = doc.model<Model>(); model && model->prometheus) {
    const PrometheusModel& p = *model->prometheus;
    out.scrape_intervals.push_back(
        {"", p.global_scrape_interval_ms.value_or(60000), p.global_scrape_interval_span});
    for (const ScrapeJob& job : p.scrape_jobs)
      if (!job.name.empty()) out.scrape_intervals.push_back({job.name, job.interval_ms, job.interval_span});
  }
  const auto* stream = doc.tree<yaml::Stream>();
  if (!stream) return;
  for (const yaml::YamlDocument& d : stream->documents) {
    if (!d.root || !d.root->is_mapping()) continue;
    if (const yaml::Node* files = d.root->get("rule_files"); files && files->is_sequence())
      for (const yaml::Node* f : files->items)
        if (const yaml::Node* s = scalar(f)) out.rule_files.push_back({s->value, s->span, ""});
    const yaml::Node* jobs = d.root->get("scrape_configs");
    if (!jobs || !jobs->is_sequence()) continue;
    for (const yaml::Node* job : jobs->items) {
      if (!job->is_mapping()) continue;
      const yaml::Node* name = scalar(job->get("job_name"));
      if (!name) continue;
      out.scrape_jobs.push_back({name->value, name->span, ""});
      const yaml::Node* statics = job->get("static_configs");
      if (!statics || !statics->is_sequence()) continue;
      for (const yaml::Node* sc : statics->items) {
        const yaml::Node* targets = sc->is_mapping() ? sc->get("targets") : nullptr;
        if (!targets || !targets->is_sequence()) continue;
        for (const yaml::Node* t : targets->items) {
          const yaml::Node* s = scalar(t);
          if (!s || has_variable(s->value)) continue;
          ScrapeTarget target;
          target.job = name->value;
          if (!split_host_port(s->value, target.target.host, target.target.port)) continue;
          // The host:port inside the quotes (escapes make offsets differ: the whole scalar).
          bool quoted = s->style == yaml::ScalarStyle::single_quoted ||
                        s->style == yaml::ScalarStyle::double_quoted;
          std::size_t begin = s->span.begin + (quoted ? 1 : 0);
          if (s->span.size() == s->value.size() + (quoted ? 2 : 0)) {
            target.target.span = {begin, begin + s->value.size()};
            target.target.port_span =
                target.target.port.empty()
                    ? target.target.span
                    : Span{target.target.span.end - target.target.port.size(), target.target.span.end};
          } else {
            target.target.span = target.target.port_span = s->span;
          }
          out.scrape_targets.push_back(std::move(target));
        }
      }
    }
  }
}

bool is_range_function(std::string_view name) {
  return name == "rate" || name == "irate" || name == "increase" || name == "delta" ||
         name == "idelta" || name == "deriv";
}

void rate_range_facts(const Document& doc, const PrometheusRule& rule, const promql::Expr& call,
                      DocumentFacts& out) {
  const EmbeddedPromql& embedded = *rule.expr;
  const promql::Expr* range = call.child(0);
  if (!range || range->kind != promql::ExprKind::matrix_selector || !range->child(0)) return;
  const promql::Expr& selector = *range->child(0);
  RateRange r;
  r.function = std::string(call.func->name);
  r.metric = selector.metric_name;
  for (const promql::Matcher& m : selector.matchers)
    if (m.name == "job" && m.op == promql::MatchOp::equal) r.job = m.value;
  r.range_ms = range->range_ms;
  r.span = embedded.to_file(range->range_span);
  std::string_view local =
      std::string_view(embedded.text.text()).substr(range->range_span.begin, range->range_span.size());
  r.editable = doc.slice(r.span) == local;
  r.owner = rule.name;
  out.rate_ranges.push_back(std::move(r));
}

void prometheus_rule_facts(const Document& doc, DocumentFacts& out) {
  const auto* model = doc.model<Model>();
  if (!model || !model->prometheus) return;
  for (const PrometheusRule& rule : model->prometheus->rules) {
    if (rule.recording() && !rule.name.empty())
      out.recording_rules.push_back({rule.name, rule.name_span, rule.name});
    if (!rule.expr || !rule.expr->expr()) continue;
    const EmbeddedPromql& embedded = *rule.expr;
    std::vector<const Exporter*> sources_read;  // null: the application's own metrics
    promql::walk(*embedded.expr(), [&](const promql::Expr& e) {
      if (e.kind == promql::ExprKind::call && e.func && is_range_function(e.func->name))
        rate_range_facts(doc, rule, e, out);
      if (e.kind != promql::ExprKind::vector_selector) return;
      bool names_job = std::any_of(e.matchers.begin(), e.matchers.end(),
                                   [](const promql::Matcher& m) { return m.name == "job"; });
      const Exporter* exporter = exporter_of(e.metric_name);
      bool synthetic = e.metric_name == "up" || e.metric_name == "ALERTS" ||
                       e.metric_name == "ALERTS_FOR_STATE" || e.metric_name.starts_with("scrape_") ||
                       e.metric_name.find(':') != std::string::npos || e.metric_name.empty();
      if (!names_job && !synthetic && !e.name_span.empty() &&
          std::find(sources_read.begin(), sources_read.end(), exporter) == sources_read.end()) {
        sources_read.push_back(exporter);
        out.jobless_metrics.push_back({e.metric_name, embedded.to_file(e.name_span), rule.name});
      }
      if (e.metric_name.find(':') != std::string::npos && !e.name_span.empty())
        out.recorded_metrics.push_back(
            {e.metric_name, embedded.to_file(e.name_span), rule.name});
      for (const promql::Matcher& m : e.matchers)
        if (m.name == "job" && m.op == promql::MatchOp::equal && !m.value.empty())
          out.job_selectors.push_back({m.value, embedded.to_file(m.span), rule.name});
    });
  }
}

void railway_facts(const Document& doc, DocumentFacts& out) {
  auto config = railway::read_config(doc);
  if (!config) return;
  for (const railway::Setting& s : railway::settings_of(*config, "build", "dockerfilePath"))
    if (s.entry && s.entry->value && !s.entry->value->text.empty() &&
        !has_variable(s.entry->value->text))
      out.railway_dockerfiles.push_back({s.entry->value->text, s.entry->value->span, ""});
}

}  // namespace

bool split_host_port(std::string_view text, std::string& host, std::string& port) {
  host.clear();
  port.clear();
  if (text.empty()) return false;
  if (text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos) return false;
    host = std::string(text.substr(1, close - 1));
    if (close + 1 < text.size() && text[close + 1] == ':') port = std::string(text.substr(close + 2));
    return true;
  }
  auto colon = text.rfind(':');
  if (colon != std::string_view::npos && text.find(':') != colon) return false;  // bare IPv6
  host = std::string(text.substr(0, colon));
  if (colon != std::string_view::npos) port = std::string(text.substr(colon + 1));
  if (host.empty()) return false;
  return std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool DocumentFacts::empty() const {
  return compose_services.empty() && compose_files.empty() && exposed_ports.empty() && upstreams.empty() &&
         passes.empty() && kube_services.empty() && kube_workloads.empty() &&
         kube_objects.empty() && kube_references.empty() && kube_budgets.empty() && rule_files.empty() && scrape_jobs.empty() &&
         scrape_targets.empty() && job_selectors.empty() && railway_dockerfiles.empty() &&
         scrape_intervals.empty() && recording_rules.empty() && recorded_metrics.empty() &&
         rate_ranges.empty() && jobless_metrics.empty();
}

void for_each_referring_span(const DocumentFacts& facts, const std::function<void(Span)>& visit) {
  auto endpoint = [&](const Endpoint& e) {
    visit(e.span);
    visit(e.port_span);
  };
  for (const ComposeService& s : facts.compose_services) visit(s.build_span);
  for (const NginxUpstream& u : facts.upstreams) {
    visit(u.keepalive_span);
    for (const Endpoint& e : u.servers) endpoint(e);
  }
  for (const NginxPass& p : facts.passes) endpoint(p.target);
  for (const ScrapeTarget& t : facts.scrape_targets) endpoint(t.target);
  for (const auto* refs : {&facts.rule_files, &facts.job_selectors, &facts.railway_dockerfiles,
                           &facts.recorded_metrics})
    for (const NamedRef& r : *refs) visit(r.span);
  for (const RateRange& r : facts.rate_ranges) visit(r.span);
  for (const NamedRef& r : facts.jobless_metrics) visit(r.span);
}

bool LabelSelector::matches(const std::vector<std::pair<std::string, std::string>>& pod) const {
  auto value_of = [&](const std::string& key) -> const std::string* {
    for (const auto& [k, v] : pod)
      if (k == key) return &v;
    return nullptr;
  };
  for (const auto& [k, v] : labels)
    if (const std::string* have = value_of(k); !have || *have != v) return false;
  for (const LabelRequirement& r : expressions) {
    const std::string* have = value_of(r.key);
    bool listed = have && std::find(r.values.begin(), r.values.end(), *have) != r.values.end();
    if (r.op == "In" && !listed) return false;
    if (r.op == "NotIn" && listed) return false;
    if (r.op == "Exists" && !have) return false;
    if (r.op == "DoesNotExist" && have) return false;
  }
  return true;
}

DocumentFacts extract_facts(const Document& doc) {
  DocumentFacts out;
  out.kind = doc.kind();
  if (!doc.skipped_reason().empty()) return out;
  switch (doc.kind()) {
    case Kind::compose: compose_facts(doc, out); break;
    case Kind::dockerfile: dockerfile_facts(doc, out); break;
    case Kind::nginx: nginx_facts(doc, out); break;
    case Kind::kubernetes:
      kubernetes_facts(doc, out);
      prometheus_rule_facts(doc, out);
      break;
    case Kind::prometheus_config: prometheus_config_facts(doc, out); break;
    case Kind::prometheus_rules: prometheus_rule_facts(doc, out); break;
    case Kind::railway: railway_facts(doc, out); break;
    default: break;
  }
  add_runtime_facts(doc, out);
  return out;
}

}  // namespace infralint::stack
