#include "model/stack/kubernetes_links.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>


namespace infralint::stack {
namespace {

struct ObjectRef {
  std::size_t doc;
  const KubeObject* object;
};

struct WorkloadRef {
  std::size_t doc;
  const KubeWorkload* workload;
};

End end_of(std::size_t doc, const KubeObject& o) {
  return End{doc, o.span, fmt::format("{} `{}`", o.kind, o.name)};
}

End end_of(const WorkloadRef& w) {
  return End{w.doc, w.workload->name_span,
             fmt::format("{} `{}`", w.workload->kind, w.workload->name)};
}

class KubernetesLinker {
 public:
  explicit KubernetesLinker(Stack& stack) : s_(stack) {}

  void run() {
    index();
    for (std::size_t i = 0; i < s_.documents.size(); ++i) {
      const DocumentFacts& facts = s_.documents[i].facts;
      for (const KubeService& svc : facts.kube_services) link_selector(i, svc);
      for (const KubeBudget& budget : facts.kube_budgets) link_budget(i, budget);
      for (const KubeReference& ref : facts.kube_references) link_reference(i, ref);
    }
  }

 private:
  Stack& s_;
  // scope \n namespace \n kind \n name → the objects so named (several when defined twice)
  std::unordered_map<std::string, std::vector<ObjectRef>> objects_;
  // scope \n namespace \n kind → names, for "did you mean"
  std::unordered_map<std::string, std::vector<std::string>> names_;
  std::unordered_set<std::string> kinds_present_;  // scope \n namespace \n kind
  // scope \n namespace → workloads; and, keyed by one pod label too, for selectors
  std::unordered_map<std::string, std::vector<WorkloadRef>> workloads_;
  std::unordered_map<std::string, std::vector<WorkloadRef>> by_label_;

  static std::string key(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view p : parts) {
      if (!out.empty()) out += '\n';
      out += p;
    }
    return out;
  }

  void index() {
    for (std::size_t i = 0; i < s_.documents.size(); ++i) {
      const std::string& scope = s_.scopes[i];
      const DocumentFacts& facts = s_.documents[i].facts;
      for (const KubeObject& o : facts.kube_objects) {
        auto& list = objects_[key({scope, o.ns, o.kind, o.name})];
        if (list.empty()) names_[key({scope, o.ns, o.kind})].push_back(o.name);
        list.push_back({i, &o});
        kinds_present_.insert(key({scope, o.ns, o.kind}));
      }
      for (const KubeWorkload& w : facts.kube_workloads) {
        workloads_[key({scope, w.ns})].push_back({i, &w});
        for (const auto& [k, v] : w.pod_labels)
          by_label_[key({scope, w.ns, k, v})].push_back({i, &w});
      }
    }
  }

  const ObjectRef* find(std::size_t doc, const std::string& ns, std::string_view kind,
                        const std::string& name) const {
    auto it = objects_.find(key({s_.scopes[doc], ns, kind, name}));
    return it == objects_.end() ? nullptr : &it->second.front();
  }

  bool has_workloads(std::size_t doc, const std::string& ns) const {
    return workloads_.count(key({s_.scopes[doc], ns})) > 0;
  }

  // The closest name of an object of `kind` in the namespace, and where it is defined.
  void suggest(Edge& e, std::size_t doc, const std::string& ns, std::string_view kind) const {
    auto it = names_.find(key({s_.scopes[doc], ns, kind}));
    if (it == names_.end()) return;
    e.suggestion = suggest_name(e.name, it->second);
    if (e.suggestion.empty()) return;
    const ObjectRef* at = find(doc, ns, kind, e.suggestion);
    e.suggestion_at = end_of(at->doc, *at->object);
  }

  // A Service's selector (a plain map) against the workloads carrying its first label.
  void link_selector(std::size_t doc, const KubeService& svc) {
    if (svc.selector.empty()) return;  // no selector: endpoints managed by hand
    // Judged only when the stack holds workloads of that namespace (kube-linter's view).
    if (!has_workloads(doc, svc.ns)) return;
    auto it = by_label_.find(
        key({s_.scopes[doc], svc.ns, svc.selector[0].first, svc.selector[0].second}));
    static const std::vector<WorkloadRef> kNone;
    link_selected(EdgeKind::selects, {doc, svc.name_span, fmt::format("Service `{}`", svc.name)},
                  svc.selector_span, svc.describe, svc.ns, LabelSelector{svc.selector, {}},
                  it == by_label_.end() ? kNone : it->second);
  }

  void link_budget(std::size_t doc, const KubeBudget& budget) {
    if (!has_workloads(doc, budget.ns)) return;
    link_selected(EdgeKind::protects, {doc, budget.selector_span, budget.label},
                  budget.selector_span, budget.from, budget.ns, budget.selector,
                  workloads_.at(key({s_.scopes[doc], budget.ns})));
  }

  // An edge to each of `candidates` the selector selects; none selected: one broken edge, at
  // `selector_span`.
  void link_selected(EdgeKind kind, const End& from, Span selector_span,
                     const std::string& subject, const std::string& ns,
                     const LabelSelector& selector, const std::vector<WorkloadRef>& candidates) {
    Edge e;
    e.kind = kind;
    e.from = from;
    e.subject = subject;
    e.ns = ns;
    e.directive = "selector";
    bool any = false;
    for (const WorkloadRef& ref : candidates) {
      if (!selector.matches(ref.workload->pod_labels)) continue;
      any = true;
      e.to = end_of(ref);
      e.name = ref.workload->name;
      s_.edges.push_back(e);
    }
    if (any) return;
    e.problem = Problem::selects_nothing;
    e.from.span = selector_span;
    e.to.reset();
    e.name = subject;
    s_.edges.push_back(std::move(e));
  }

  void link_reference(std::size_t doc, const KubeReference& ref) {
    Edge e;
    e.from = End{doc, ref.span, ref.label};
    e.subject = ref.from;
    e.name = ref.name;
    e.ns = ref.ns;
    e.target_kind = ref.kind;
    switch (ref.via) {
      case KubeReference::Via::ingress_backend:
        // Judged only when the stack defines Services in that namespace.
        if (!kinds_present_.count(key({s_.scopes[doc], ref.ns, "Service"}))) return;
        e.kind = EdgeKind::routes;
        e.directive = "backend";
        break;
      case KubeReference::Via::scale_target:
        if (!has_workloads(doc, ref.ns)) return;
        e.kind = EdgeKind::scales;
        e.directive = "scaleTargetRef";
        break;
      case KubeReference::Via::pod_reference:
        e.kind = EdgeKind::references;
        e.directive = ref.kind;
        break;
    }
    const ObjectRef* target = find(doc, ref.ns, ref.kind, ref.name);
    if (!target) {
      e.problem = Problem::undefined;
      suggest(e, doc, ref.ns, ref.kind);
      s_.edges.push_back(std::move(e));
      return;
    }
    e.to = end_of(target->doc, *target->object);
    if (ref.via == KubeReference::Via::ingress_backend && !ref.port.empty())
      judge_service_port(e, *target, ref);
    s_.edges.push_back(std::move(e));
  }

  // An Ingress backend's port: a number among the Service's ports, or a name among their names.
  void judge_service_port(Edge& e, const ObjectRef& target, const KubeReference& ref) const {
    for (const KubeService& svc : s_.documents[target.doc].facts.kube_services) {
      if (svc.name != ref.name || svc.ns != ref.ns || svc.ports.empty()) continue;
      e.port = ref.port;
      e.from.span = ref.port_span;
      if (std::find(svc.ports.begin(), svc.ports.end(), ref.port) != svc.ports.end()) return;
      e.problem = Problem::port_closed;
      e.target_ports = svc.ports;
      return;
    }
  }
};

}  // namespace

void link_kubernetes(Stack& stack) { KubernetesLinker(stack).run(); }

}  // namespace infralint::stack
