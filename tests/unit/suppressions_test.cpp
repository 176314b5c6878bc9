// Suppressions: ours (reason, expiry, annotations) and the peers' pragmas, honoured through the
// rules' aliases, and the meta rules that keep them honest.
#include <doctest/doctest.h>

#include <algorithm>

#include "engine/runner.hpp"

using namespace infralint;

namespace {

std::vector<Finding> lint(const char* path, Kind kind, const std::string& text,
                          std::vector<std::string> select) {
  Document doc(path, text, kind);
  return lint_document(doc, RuleSelection{std::move(select), {}});
}

std::size_t count(const std::vector<Finding>& findings, std::string_view rule) {
  return std::count_if(findings.begin(), findings.end(),
                       [&](const Finding& f) { return f.rule_id == rule; });
}

const char* kLatestPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    ANNOTATION
spec:
  containers:
    - name: web
      image: nginx:latest
)";

std::string pod_with(const std::string& annotation) {
  std::string text = kLatestPod;
  text.replace(text.find("ANNOTATION"), 10, annotation);
  return text;
}

}  // namespace

TEST_CASE("suppressions: ours with a reason, until a date, and expired") {
  std::vector<std::string> rules{"dockerfile/relative-workdir", "meta/expired-suppression",
                                 "meta/unused-suppression", "meta/suppression-without-reason"};
  auto live = lint("Dockerfile", Kind::dockerfile,
                   "FROM alpine:3.20\n# infralint: ignore[dockerfile/relative-workdir] OPS-12 "
                   "until=2999-01-01\nWORKDIR app\n",
                   rules);
  CHECK(live.empty());
  auto expired = lint("Dockerfile", Kind::dockerfile,
                      "FROM alpine:3.20\n# infralint: ignore[dockerfile/relative-workdir] OPS-12 "
                      "until=2020-01-01\nWORKDIR app\n",
                      rules);
  CHECK(count(expired, "dockerfile/relative-workdir") == 1);  // hidden no more
  CHECK(count(expired, "meta/expired-suppression") == 1);
  CHECK(count(expired, "meta/unused-suppression") == 0);
  auto bare = lint(
      "Dockerfile", Kind::dockerfile,
      "FROM alpine:3.20\n# infralint: ignore[dockerfile/relative-workdir]\nWORKDIR app\n", rules);
  CHECK(count(bare, "dockerfile/relative-workdir") == 0);
  CHECK(count(bare, "meta/suppression-without-reason") == 1);
  // Opt-in: not reported by default.
  Document doc("Dockerfile",
               "FROM alpine:3.20\n# infralint: ignore[dockerfile/relative-workdir]\nWORKDIR app\n",
               Kind::dockerfile);
  CHECK(count(lint_document(doc, RuleSelection{}), "meta/suppression-without-reason") == 0);
}

TEST_CASE("suppressions: hadolint's pragmas are honoured") {
  auto f = lint("Dockerfile", Kind::dockerfile,
                "FROM alpine:3.20\n# hadolint ignore=DL3000\nWORKDIR app\nWORKDIR rel\n",
                {"dockerfile/relative-workdir"});
  REQUIRE(f.size() == 1);  // the second WORKDIR only
  CHECK(f[0].span.begin >
        std::string("FROM alpine:3.20\n# hadolint ignore=DL3000\nWORKDIR app\n").size() - 1);
  auto global =
      lint("Dockerfile", Kind::dockerfile,
           "# hadolint global ignore=DL3000\nFROM alpine:3.20\nWORKDIR app\nWORKDIR rel\n",
           {"dockerfile/relative-workdir"});
  CHECK(global.empty());
}

TEST_CASE("suppressions: Kubernetes annotations, ours and the peers', object and pod template") {
  std::vector<std::string> only{"container/image-latest-tag"};
  CHECK(lint("pod.yaml", Kind::kubernetes, pod_with("x: y"), only).size() == 1);
  for (const char* annotation :
       {"infralint.dev/ignore: \"container/image-latest-tag: pinned by the deploy job\"",
        "infralint.dev/ignore: \"container/runs-as-root; container/image-latest-tag\"",
        "ignore-check.kube-linter.io/latest-tag: \"reason\"",
        "kube-linter.io/ignore-all: \"legacy\"",
        "kube-score/ignore: container-image-tag,pod-probes",
        "polaris.fairwinds.com/tagNotSpecified-exempt: \"true\"",
        "polaris.fairwinds.com/exempt: \"true\"",
        "checkov.io/skip1: CKV_K8S_14=the tag is set by CI"}) {
    CAPTURE(annotation);
    CHECK(lint("pod.yaml", Kind::kubernetes, pod_with(annotation), only).empty());
  }
  // Polaris' exemption needs "true".
  CHECK(lint("pod.yaml", Kind::kubernetes,
             pod_with("polaris.fairwinds.com/tagNotSpecified-exempt: \"false\""), only)
            .size() == 1);
  // On a Deployment's pod template.
  const char* deployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        kube-score/ignore: container-image-tag
    spec:
      containers:
        - name: web
          image: nginx:latest
)";
  CHECK(lint("d.yaml", Kind::kubernetes, deployment, only).empty());
}

TEST_CASE("suppressions: dclint's comments in compose files") {
  std::vector<std::string> only{"container/image-latest-tag"};
  const std::string service = "services:\n  web:\n    image: nginx:latest\n";
  CHECK(lint("compose.yaml", Kind::compose, service, only).size() == 1);
  CHECK(lint("compose.yaml", Kind::compose, "# dclint disable-file\n" + service, only).empty());
  CHECK(lint("compose.yaml", Kind::compose, "# dclint disable\n" + service, only).empty());
  CHECK(lint("compose.yaml", Kind::compose,
             "# dclint disable service-image-require-explicit-tag\n" + service, only)
            .empty());
  CHECK(lint("compose.yaml", Kind::compose,
             "services:\n  web:\n    image: nginx:latest  # dclint disable-line\n", only)
            .empty());
  CHECK(lint("compose.yaml", Kind::compose,
             "services:\n  web:\n    # dclint disable-line service-image-require-explicit-tag\n"
             "    image: nginx:latest\n",
             only)
            .empty());
  // Another rule's name suppresses nothing.
  CHECK(lint("compose.yaml", Kind::compose, "# dclint disable no-version-field\n" + service, only)
            .size() == 1);
}

TEST_CASE("suppressions: pint's comments in Prometheus rule files") {
  std::vector<std::string> only{"prometheus/alert-without-condition"};
  const std::string rules =
      "groups:\n  - name: api\n    rules:\n      - alert: HighErrorRate\n"
      "        expr: sum by (job) (rate(http_errors_total[5m]))\n"
      "      - alert: Other\n        expr: sum(rate(x_total[5m]))\n";
  CHECK(lint("r.yml", Kind::prometheus_rules, rules, only).size() == 2);
  // `disable` above a rule covers that rule only.
  std::string disabled = rules;
  disabled.insert(disabled.find("      - alert: HighErrorRate"),
                  "      # pint disable alerts/comparison\n");
  CHECK(lint("r.yml", Kind::prometheus_rules, disabled, only).size() == 1);
  CHECK(
      lint("r.yml", Kind::prometheus_rules, "# pint file/disable alerts/comparison\n" + rules, only)
          .empty());
  CHECK(lint("r.yml", Kind::prometheus_rules, "# pint ignore/file\n" + rules, only).empty());
  CHECK(lint("r.yml", Kind::prometheus_rules,
             "# pint snooze 2999-01-01 alerts/comparison\n" + rules, only)
            .empty());
  CHECK(lint("r.yml", Kind::prometheus_rules,
             "# pint snooze 2020-01-01 alerts/comparison\n" + rules, only)
            .size() == 2);
  std::string region = rules;
  region.insert(region.find("      - alert: Other"), "      # pint ignore/begin\n");
  region += "      # pint ignore/end\n";
  CHECK(lint("r.yml", Kind::prometheus_rules, region, only).size() == 1);
}
