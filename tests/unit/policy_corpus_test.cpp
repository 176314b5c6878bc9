// Policies over the real-world corpus: every target on every format, no crash, every finding
// inside its document and on the value or key it names. Skips when ../shared is absent.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>

#include "engine/runner.hpp"
#include "fixture_support.hpp"
#include "model/adapters.hpp"
#include "parse/document_parser.hpp"
#include "policy/policy.hpp"

namespace fs = std::filesystem;
using namespace infralint;

namespace {

// One policy per target, each with a condition that real files break now and then.
const char* kCorpusPolicies = R"Y(policies:
  - id: team
    match: {kubernetes: {kind: [Deployment, StatefulSet, DaemonSet]}}
    require: {path: metadata.labels.team, exists: true}
  - id: pinned
    match: {kubernetes: {}}
    require: {path: 'spec.template.spec.containers[*].image', matches: '@sha256:'}
  - id: memory
    match: {compose-service: {}}
    require: {path: deploy.resources.limits.memory, le: 4Gi}
  - id: registry
    match: {container: {}}
    require: {path: image.registry, in: [registry.example.com, docker.io]}
  - id: image
    match: {image: {}}
    when: {not: {path: reference, equals: scratch}}
    require: {path: tag, exists: true}
  - id: tokens
    match: {nginx-directive: {name: server}}
    require: {path: 'children.server_tokens.args[0]', equals: "off"}
  - id: proxy
    match: {nginx-directive: {name: proxy_pass, context: location}}
    require: {path: 'args[0]', matches: '^https://'}
  - id: runbook
    match: {prometheus-rule: {type: alert}}
    require:
      all:
        - {path: annotations.runbook_url, matches: '^https://'}
        - {path: for, ge: 1m, as: duration}
  - id: interval
    match: {scrape-job: {}}
    require: {path: scrape_interval, ge: 15s}
  - id: document
    match: {document: {format: [compose, kubernetes]}}
    require: {not: {path: version, exists: true}}
)Y";

}  // namespace

TEST_CASE("policy corpus: every target runs on the real-world files without a stray span") {
  auto shared = testing::shared_dir();
  if (!shared || !fs::is_directory(*shared / "corpus")) return;
  policy::PolicySet set;
  auto errors = policy::load_policy_text("corpus.yaml", kCorpusPolicies, set);
  REQUIRE(errors.empty());
  std::vector<std::unique_ptr<Rule>> rules;
  for (policy::Policy& p : set.policies) rules.push_back(policy::make_policy_rule(std::move(p)));
  std::map<std::string, std::size_t> counts;
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(*shared / "corpus")) {
    if (!entry.is_regular_file()) continue;
    InputFile input;
    input.fs_path = input.path = entry.path().string();
    std::vector<InputError> input_errors;
    auto doc = load_document(input, 4 << 20, input_errors);
    if (!doc || !doc->skipped_reason().empty()) continue;
    parse_document(*doc);
    build_model(*doc);
    ++files;
    for (const auto& rule : rules) {
      if (!rule->applies_to(doc->kind())) continue;
      std::vector<Finding> findings;
      FindingSink sink(rule->meta(), findings);
      rule->check(*doc, sink);
      for (const Finding& f : findings) {
        CAPTURE(entry.path());
        CAPTURE(f.message);
        CHECK(f.span.end <= doc->text().size());
        CHECK(f.span.begin <= f.span.end);
      }
      counts[std::string(rule->meta().id)] += findings.size();
    }
  }
  for (const auto& [id, n] : counts) MESSAGE(id << ": " << n << " findings");
  MESSAGE(files << " corpus files");
  CHECK(files > 1000);
  for (const char* id : {"policy/team", "policy/registry", "policy/image", "policy/tokens",
                         "policy/runbook", "policy/interval"})
    CHECK_MESSAGE(counts[id] > 0, id << " found nothing in the corpus");
}
