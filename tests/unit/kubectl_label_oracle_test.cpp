// kubectl decodes a manifest the way every API client does (YAML 1.1 through sigs.k8s.io/yaml,
// then JSON into the typed object) before it sends anything: `kubectl create --dry-run=client
// --validate=false` fails with "unable to decode" exactly when a label value is not a string.
// kubernetes/invalid-label must call the same values non-strings, and its fixed files must
// decode.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/document.hpp"
#include "engine/runner.hpp"
#include "fixture_support.hpp"

namespace fs = std::filesystem;
using namespace infralint;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::TempDir;

namespace {

bool have_kubectl() {
  return run_shell("command -v kubectl >/dev/null 2>&1").exit_code == 0;
}

bool kubectl_rejects(const fs::path& file) {
  auto r = run_shell("kubectl create --validate=false --dry-run=client -o yaml -f " +
                     shell_quote(file.string()) + " 2>&1 </dev/null");
  return r.out.find("unable to decode") != std::string::npos;
}

bool infralint_calls_non_string(const fs::path& file, const std::string& text) {
  Document doc(file.string(), text, Kind::kubernetes);
  LintConfig config(RuleSelection{{"kubernetes/invalid-label"}, {}});
  for (const Finding& f : lint_document(doc, config))
    if (f.message.find("label values must be strings") != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("kubectl oracle: label values kubectl cannot decode are the ones invalid-label quotes") {
  if (!have_kubectl()) {
    MESSAGE("skipped: kubectl is not installed (scripts/setup.sh installs it)");
    return;
  }
  const std::vector<std::string> values{
      "yes",   "y",        "Y",       "on",         "No",    "OFF",  "true",  "TRUE",  "1.0",
      "3",     "-0",       "+1",      "012",        "0x10",  "0o17", "0b101", "1_000", "0x_1",
      "1e3",   ".5",       "1.",      "+.5",        "1_0.5", "~",    "null",  "NULL",  "",
      ".inf",  "-.inf",    ".NaN",    "2024-01-01", "1:30",  "v1",   "1e",    "e3",    "0b",
      "'1.0'", "\"true\"", "!!str 3", "api",        "1.2.3"};
  TempDir dir;
  int agree = 0;
  for (const std::string& v : values) {
    fs::path file = dir.path / "labels.yaml";
    std::string text =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    a: " + v + "\n";
    std::ofstream(file) << text;
    bool oracle = kubectl_rejects(file);
    bool ours = infralint_calls_non_string(file, text);
    CHECK_MESSAGE(oracle == ours,
                  "label value `" << v << "`: kubectl " << (oracle ? "rejects" : "accepts")
                                  << ", invalid-label " << (ours ? "reports" : "does not report"));
    agree += oracle == ours;
  }
  MESSAGE("kubectl oracle: " << agree << " of " << values.size() << " label values agree");

  fs::path fixtures = testing::fixtures_dir() / "kubernetes" / "invalid-label";
  CHECK(kubectl_rejects(fixtures / "bad.yaml"));
  CHECK_FALSE(kubectl_rejects(fixtures / "fixed.yaml"));
  CHECK_FALSE(kubectl_rejects(fixtures / "good.yaml"));
}
