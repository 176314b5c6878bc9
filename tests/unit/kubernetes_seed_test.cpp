// The seed stack's Kubernetes manifest: what `check` must show and what `fix --unsafe-fixes`
// must make of it (the hardened pod a reviewer would accept, everything else byte for byte).
#include <doctest/doctest.h>

#include <algorithm>

#include "core/document.hpp"
#include "engine/runner.hpp"
#include "fix/fixer.hpp"
#include "fixture_support.hpp"
#include "model/kubernetes_objects.hpp"
#include "parse/document_parser.hpp"

using namespace infralint;

namespace {

bool has_rule(const std::vector<Finding>& findings, std::string_view id) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.rule_id == id; });
}

}  // namespace

TEST_CASE("seed stack k8s/all.yaml: findings and the hardened fix") {
  auto path = testing::source_dir() / "fixtures/stacks/seed/k8s/all.yaml";
  std::string text = testing::read_file(path);
  Document doc(path.string(), text, Kind::kubernetes);
  auto findings = lint_document(doc, RuleSelection{});
  for (std::string_view id :
       {"container/runs-as-root", "container/privilege-escalation-allowed",
        "container/capabilities-not-dropped", "container/writable-root-filesystem",
        "container/image-latest-tag", "kubernetes/seccomp-profile-not-set",
        "kubernetes/service-account-token-automounted", "kubernetes/replicas-set-with-autoscaler"})
    CHECK_MESSAGE(has_rule(findings, id), id);

  FixOutcome fixed = fix_text(path.string(), Kind::kubernetes, text, FixOptions{true, {}});
  CHECK(fixed.problems.empty());
  for (std::string_view wanted :
       {"          runAsNonRoot: true\n", "          runAsUser: 10001\n",
        "          runAsGroup: 10001\n", "          allowPrivilegeEscalation: false\n",
        "          readOnlyRootFilesystem: true\n", "            drop:\n            - ALL\n",
        "            type: RuntimeDefault\n", "      automountServiceAccountToken: false\n"})
    CHECK_MESSAGE(fixed.text.find(wanted) != std::string::npos, "missing " << wanted);
  // Untouched: every line of the original that the fix did not edit is still there, in order.
  CHECK(fixed.text.find("  DATABASE_URL: \"postgresql://postgres:5432/dealership\"\n") !=
        std::string::npos);
  CHECK(fixed.text.starts_with(text.substr(0, text.find("# k8s/deployment-backend.yaml"))));
  CHECK(fixed.text.ends_with(text.substr(text.find("---\n# k8s/service-backend.yaml"))));

  FixOutcome again = fix_text(path.string(), Kind::kubernetes, fixed.text, FixOptions{true, {}});
  CHECK_FALSE(again.changed());
}
