#include <fmt/format.h>

#include <map>
#include <string_view>
#include <utility>

#include "engine/kubernetes_rule.hpp"
#include "model/kubernetes_edits.hpp"
#include "model/yaml_values.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A pod template that gets its ServiceAccount's API token mounted: `automountServiceAccountToken`
is `true`, or is not set in the pod spec while the ServiceAccount it runs as (when defined in
the same file) does not set it to `false` either.

## Why it matters
Every container of the pod can read the token at
`/var/run/secrets/kubernetes.io/serviceaccount/token` and talk to the API server with the
ServiceAccount's rights. Most applications never call the API; for them the token is only
something an attacker who gets code execution can use to move through the cluster.

## Example
```yaml
spec:
  template:
    spec:
      containers:
        - name: api
          image: example/api:1.4.2
```

## Fixed
```yaml
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers:
        - name: api
          image: example/api:1.4.2
```

The fix is unsafe: it adds `automountServiceAccountToken: false` to the pod spec. Workloads
that call the Kubernetes API (operators, controllers, CI runners) need the token: set it to
`true` explicitly for them, which this rule then accepts only with a suppression.
)md";

const RuleMeta kMeta{
    .id = "kubernetes/service-account-token-automounted",
    .title = "Pod mounts its ServiceAccount token",
    .severity = Severity::warning,
    .categories = {Category::security},
    .compliance = {"NSA-CISA-K8s:1.11", "CIS-Kubernetes:5.1.6"},
    .aliases = {"polaris:automountServiceAccountToken", "checkov:CKV_K8S_38", "trivy:KSV-0036"},
    .fix = FixAvailability::sometimes,
    .kinds = {Kind::kubernetes},
    .docs = kDocs,
};

class ServiceAccountTokenAutomounted final : public KubernetesStreamRule {
 public:
  ServiceAccountTokenAutomounted() : KubernetesStreamRule(kMeta) {}

 protected:
  void check(const Document& doc, const yaml::Stream&, const std::vector<k8s::Object>& objects,
             FindingSink& sink) const override {
    AccountsByName accounts = service_accounts(objects);
    for (const k8s::Object& o : objects) {
      if (!o.pod_spec) continue;
      const yaml::Node* automount = o.pod_spec->get("automountServiceAccountToken");
      if (auto value = scalar_bool(automount)) {
        if (*value)
          sink.report(automount->span,
                      fmt::format("{} mounts its ServiceAccount token into every container; set "
                                  "`automountServiceAccountToken: false` unless it calls the "
                                  "Kubernetes API",
                                  o.describe()));
        continue;
      }
      const yaml::Node* account = o.pod_spec->get("serviceAccountName");
      std::string name = scalar_text(account).value_or("default");
      if (account_disables_token(accounts, name, o.namespace_)) continue;
      Finding& f = sink.report(
          account ? account->span : o.span(),
          fmt::format("{} gets the API token of ServiceAccount `{}` mounted into every container; "
                      "set `automountServiceAccountToken: false` in the pod spec unless it calls "
                      "the Kubernetes API",
                      o.describe(), name));
      if (auto edit = k8s::set_in(doc, *o.pod_spec, {"automountServiceAccountToken"}, false))
        f.fix = Fix{"Do not mount the ServiceAccount token", {*edit}, Applicability::unsafe};
    }
  }

 private:
  // The first ServiceAccount of each (name, namespace): looked up once per workload, so that a
  // stream of thousands of workloads is not searched once per workload.
  using AccountsByName =
      std::map<std::pair<std::string_view, std::string_view>, const k8s::Object*>;

  static AccountsByName service_accounts(const std::vector<k8s::Object>& objects) {
    AccountsByName out;
    for (const k8s::Object& o : objects)
      if (o.kind == "ServiceAccount") out.try_emplace({o.name, o.namespace_}, &o);
    return out;
  }

  static bool account_disables_token(const AccountsByName& accounts, const std::string& name,
                                     const std::string& ns) {
    auto found = accounts.find({name, ns});
    return found != accounts.end() &&
           scalar_bool(found->second->node->get("automountServiceAccountToken")) == false;
  }
};

INFRALINT_REGISTER_RULE(ServiceAccountTokenAutomounted);

}  // namespace
}  // namespace infralint
