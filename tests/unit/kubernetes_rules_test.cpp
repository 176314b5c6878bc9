// The Kubernetes rule pack's shared pieces: objects of a stream (List, empty documents),
// label selectors, and the rules gated by the `kubernetes-version` setting.
#include <doctest/doctest.h>

#include <fstream>
#include <set>

#include "core/document.hpp"
#include "engine/rule.hpp"
#include "engine/runner.hpp"
#include "model/kubernetes_objects.hpp"
#include "parse/document_parser.hpp"
#include "fixture_support.hpp"

using namespace infralint;

namespace {

std::vector<Finding> run_rule(std::string_view id, const std::string& text,
                              const std::string& version) {
  Document doc("test.yaml", text, Kind::kubernetes);
  parse_document(doc);
  const Rule* rule = Registry::instance().find(id);
  REQUIRE(rule);
  RuleOptions settings;
  if (!version.empty()) settings.set("kubernetes-version", version);
  std::vector<Finding> out;
  FindingSink sink(rule->meta(), out, RuleOptions::none(), settings);
  rule->check(doc, sink);
  return out;
}

const yaml::Node* parsed_root(const yaml::Stream& stream, std::size_t i) {
  return stream.documents.at(i).root;
}

}  // namespace

TEST_CASE("kubernetes objects: documents and List items in order, empty documents skipped") {
  std::string text =
      "---\n---\napiVersion: v1\nkind: List\nitems:\n- kind: ConfigMap\n  apiVersion: v1\n"
      "  metadata: {name: a}\n- kind: Pod\n  apiVersion: v1\n  metadata: {name: b}\n"
      "  spec: {containers: [{name: c, image: x}]}\n---\n# only a comment\n---\n"
      "kind: CronJob\napiVersion: batch/v1\nmetadata: {name: d, namespace: n}\nspec:\n"
      "  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n"
      "          - name: e\n            image: y\n---\n- not an object\n";
  Document doc("t.yaml", text, Kind::kubernetes);
  parse_document(doc);
  const auto* stream = doc.tree<yaml::Stream>();
  REQUIRE(stream);
  auto objects = k8s::objects_of(*stream);
  REQUIRE(objects.size() == 3);
  CHECK(objects[0].describe() == "ConfigMap/a");
  CHECK(objects[1].describe() == "Pod/b");
  CHECK(objects[2].describe() == "CronJob/d");
  CHECK(objects[2].namespace_ == "n");
  REQUIRE(objects[2].pod_spec);
  auto containers = k8s::containers_of(objects[2].pod_spec);
  REQUIRE(containers.size() == 1);
  CHECK(containers[0].name == "e");
  CHECK(objects[0].document == objects[1].document);
  CHECK(objects[2].document > objects[1].document);
}

TEST_CASE("kubernetes selectors: matchLabels, matchExpressions and plain maps") {
  std::string text =
      "a: {matchLabels: {app: x}, matchExpressions: [{key: tier, operator: In, values: [b]}]}\n"
      "b: {app: x}\n"
      "labels: {app: x, tier: b}\n"
      "other: {app: x, tier: c}\n"
      "c: {matchExpressions: [{key: tier, operator: DoesNotExist}]}\n";
  Document doc("t.yaml", text, Kind::kubernetes);
  parse_document(doc);
  const yaml::Node* root = parsed_root(*doc.tree<yaml::Stream>(), 0);
  REQUIRE(root);
  CHECK(k8s::selector_matches(root->get("a"), root->get("labels")));
  CHECK_FALSE(k8s::selector_matches(root->get("a"), root->get("other")));
  CHECK(k8s::selector_matches(root->get("b"), root->get("other")));
  CHECK_FALSE(k8s::selector_matches(root->get("c"), root->get("labels")));
  CHECK(k8s::selector_matches(nullptr, root->get("labels")));
}

TEST_CASE("kubernetes version setting: parsed leniently, newest when unreadable") {
  CHECK(k8s::kubernetes_minor("1.29", 37) == 29);
  CHECK(k8s::kubernetes_minor("v1.31.2", 37) == 31);
  CHECK(k8s::kubernetes_minor("", 37) == 37);
  CHECK(k8s::kubernetes_minor("latest", 37) == 37);
}

TEST_CASE("pod security rules follow the kubernetes-version setting") {
  std::string sysctl =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n"
      "    sysctls:\n    - {name: net.ipv4.tcp_keepalive_time, value: '600'}\n"
      "    - {name: net.ipv4.tcp_rmem, value: '4096 87380 6291456'}\n"
      "  containers: [{name: c, image: x}]\n";
  CHECK(run_rule("kubernetes/unsafe-sysctl", sysctl, "").empty());
  CHECK(run_rule("kubernetes/unsafe-sysctl", sysctl, "1.32").empty());
  CHECK(run_rule("kubernetes/unsafe-sysctl", sysctl, "1.31").size() == 1);
  CHECK(run_rule("kubernetes/unsafe-sysctl", sysctl, "1.28").size() == 2);

  std::string engine =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n"
      "    image: x\n    securityContext: {seLinuxOptions: {type: container_engine_t}}\n";
  CHECK(run_rule("kubernetes/selinux-options-unsafe", engine, "1.31").empty());
  CHECK(run_rule("kubernetes/selinux-options-unsafe", engine, "1.30").size() == 1);

  std::string probe =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n"
      "    image: x\n    readinessProbe: {tcpSocket: {host: 10.0.0.1, port: 80}}\n";
  CHECK(run_rule("kubernetes/probe-host-set", probe, "1.34").size() == 1);
  CHECK(run_rule("kubernetes/probe-host-set", probe, "1.33").empty());

  std::string windows =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os: {name: windows}\n"
      "  containers: [{name: c, image: x}]\n";
  CHECK(run_rule("kubernetes/seccomp-profile-not-set", windows, "1.25").empty());
  CHECK(run_rule("kubernetes/seccomp-profile-not-set", windows, "1.24").size() == 1);

  std::string removed = "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\n";
  CHECK(run_rule("kubernetes/deprecated-api-version", removed, "1.20").empty());
  auto deprecated = run_rule("kubernetes/deprecated-api-version", removed, "1.21");
  REQUIRE(deprecated.size() == 1);
  CHECK(deprecated[0].message.find("will be removed in Kubernetes 1.25") != std::string::npos);
  auto gone = run_rule("kubernetes/deprecated-api-version", removed, "");
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].message.find("was removed in Kubernetes 1.25") != std::string::npos);
}

// A strategic-merge patch (kustomize) names no image: the API would refuse the object alone, so
// it is merged into a base that supplies what the patch leaves out.
TEST_CASE("kustomize patches: nothing is said of what a patch leaves out, all of what it writes") {
  auto rules_of = [](const std::string& text) {
    Document doc("patch.yaml", text, Kind::kubernetes);
    std::multiset<std::string> rules;
    for (const Finding& f : lint_document(doc, LintConfig{})) rules.insert(std::string(f.rule_id));
    return rules;
  };
  std::string head =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n"
      "    spec:\n      containers:\n      - name: api\n";
  std::string privileged = "        securityContext:\n          privileged: true\n";
  auto patch = rules_of(head + "        args: [--verbose]\n" + privileged);
  CHECK(patch.count("container/privileged") == 1);
  CHECK(patch.count("container/privilege-escalation-allowed") == 1);  // privileged implies it
  for (const char* missing :
       {"kubernetes/deployment-too-few-replicas", "kubernetes/service-account-token-automounted",
        "container/no-memory-limit", "container/no-cpu-limits", "container/runs-as-root",
        "container/writable-root-filesystem", "container/capabilities-not-dropped",
        "container/no-readiness-probe", "kubernetes/seccomp-profile-not-set"})
    CHECK_MESSAGE(patch.count(missing) == 0, missing);
  // The same object with its image is a whole manifest: what it leaves out is missing.
  auto whole = rules_of(head + "        image: registry.example/api:1.2.3\n" + privileged);
  CHECK(whole.count("container/privileged") == 1);
  for (const char* missing :
       {"kubernetes/deployment-too-few-replicas", "container/no-memory-limit",
        "container/runs-as-root", "kubernetes/seccomp-profile-not-set"})
    CHECK_MESSAGE(whole.count(missing) == 1, missing);
  // A Deployment with a selector is a manifest of its own, image or not.
  std::string selected =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n"
      "  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n"
      "      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n";
  CHECK(rules_of(selected).count("container/no-memory-limit") == 1);
}

// A patch that names its image is told by the kustomization that lists it.
TEST_CASE("kustomize patches: a file the kustomization beside or above it names is a patch") {
  testing::TempDir dir;
  auto write = [&](const std::string& name, const std::string& text) {
    std::filesystem::create_directories((dir.path / name).parent_path());
    std::ofstream(dir.path / name) << text;
    return (dir.path / name).string();
  };
  std::string patch =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n"
      "    spec:\n      containers:\n      - name: api\n        image: api:1.4.3\n";
  auto rules_of = [](const std::string& path, const std::string& text) {
    Document doc(path, text, Kind::kubernetes);
    std::multiset<std::string> rules;
    for (const Finding& f : lint_document(doc, LintConfig{})) rules.insert(std::string(f.rule_id));
    return rules;
  };
  std::string listed = write("prod/patches/api.yaml", patch);
  std::string beside = write("prod/replicas.yaml", patch);
  std::string unlisted = write("prod/other.yaml", patch);
  write("prod/kustomization.yaml",
        "resources: [../base]\npatches:\n- path: patches/api.yaml\n"
        "patchesStrategicMerge:\n- replicas.yaml\n- |-\n  kind: Deployment\n");
  CHECK(rules_of(listed, patch).count("container/no-memory-limit") == 0);
  CHECK(rules_of(beside, patch).count("kubernetes/deployment-too-few-replicas") == 0);
  CHECK(rules_of(unlisted, patch).count("container/no-memory-limit") == 1);
}

// Rules that judge an absent setting while underlining a present one ask the model too.
TEST_CASE("kustomize patches: absent spread and CronJob policies are the base's business") {
  RuleSelection selection;
  for (const char* id : {"kubernetes/replicas-not-spread", "kubernetes/cronjob-concurrency-allowed",
                         "kubernetes/cronjob-without-deadline", "kubernetes/low-user-or-group-id"})
    selection.select.emplace_back(id);
  auto rules_of = [&](const std::string& image) {
    std::string text =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n"
        "  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: api\n" +
        image +
        "        securityContext:\n          runAsUser: 1000\n---\n"
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\nspec:\n"
        "  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
        "          containers:\n          - name: backup\n" +
        (image.empty() ? "" : "    " + image);
    Document doc("patch.yaml", text, Kind::kubernetes);
    std::multiset<std::string> rules;
    for (const Finding& f : lint_document(doc, LintConfig{selection}))
      rules.insert(std::string(f.rule_id));
    return rules;
  };
  auto patch = rules_of("");
  CHECK(patch == std::multiset<std::string>{"kubernetes/low-user-or-group-id"});
  // A patch that only annotates the template has no pod spec at all: no count of its own.
  Document annotations("patch.yaml",
                       "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n"
                       "  template:\n    metadata:\n      annotations: {rollout: '2'}\n",
                       Kind::kubernetes);
  RuleSelection replicas;
  replicas.select.emplace_back("kubernetes/deployment-too-few-replicas");
  CHECK(lint_document(annotations, LintConfig{replicas}).empty());
  auto whole = rules_of("        image: api:1.4.3\n");
  CHECK(whole.count("kubernetes/replicas-not-spread") == 1);
  CHECK(whole.count("kubernetes/cronjob-concurrency-allowed") == 1);
  CHECK(whole.count("kubernetes/cronjob-without-deadline") == 1);
  CHECK(whole.count("kubernetes/low-user-or-group-id") == 1);
}
