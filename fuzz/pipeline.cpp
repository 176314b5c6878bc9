// The whole pipeline under libFuzzer: the first byte picks the kind, the rest is the file;
// parse → every rule → fix (unsafe fixes too) → re-parse, asserting the fix invariants: no
// round is rolled back on a file that parses (a fix never makes it unparsable), each round
// changes bytes only inside the edits its findings report, and the result has no new parse
// error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/document.hpp"
#include "engine/rule.hpp"
#include "engine/runner.hpp"
#include "fix/edit_check.hpp"
#include "fix/fixer.hpp"
#include "parse/document_parser.hpp"

namespace {

using infralint::Kind;

struct Target {
  Kind kind;
  const char* path;
};
// Paths without a directory that exists: nginx includes and Railway's dockerfilePath resolve
// against it, and find nothing.
const Target kTargets[] = {
    {Kind::dockerfile, "/nonexistent-fuzz/Dockerfile"},
    {Kind::compose, "/nonexistent-fuzz/compose.yaml"},
    {Kind::kubernetes, "/nonexistent-fuzz/deployment.yaml"},
    {Kind::nginx, "-"},
    {Kind::railway, "/nonexistent-fuzz/railway.toml"},
    {Kind::railway, "/nonexistent-fuzz/railway.json"},
    {Kind::prometheus_rules, "/nonexistent-fuzz/rules.yml"},
    {Kind::prometheus_config, "/nonexistent-fuzz/prometheus.yml"},
};

void require(bool ok, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what.c_str());
  std::abort();
}

const infralint::FixOptions& options() {
  static const infralint::FixOptions o = [] {
    infralint::RuleSelection all;
    for (const auto& rule : infralint::Registry::instance().rules())
      all.select.emplace_back(rule->meta().id);
    infralint::FixOptions f{true, infralint::LintConfig(all)};
    f.max_rounds = 1;
    return f;
  }();
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Target& target = kTargets[data[0] % (sizeof kTargets / sizeof kTargets[0])];
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (text.find('\0') != std::string::npos) return 0;  // the loader skips binary files

  infralint::Document doc(target.path, text, target.kind);
  std::vector<infralint::Finding> findings = infralint::lint_document(doc, options().config);
  std::vector<infralint::Span> spans;
  for (const auto& f : findings) {
    require(f.span.begin <= f.span.end && f.span.end <= text.size(), "finding span outside input");
    if (f.fix && f.fix->applicability != infralint::Applicability::display_only)
      for (const auto& e : f.fix->edits) {
        require(e.span.end <= text.size(), "edit span outside input");
        spans.push_back(e.span);
      }
  }
  infralint::FixOutcome outcome = infralint::fix_text(target.path, target.kind, text, options());
  infralint::Document before(target.path, text, target.kind);
  infralint::parse_document(before);
  // On a file that parses, no round may be rolled back. On one with syntax errors, the tree is
  // the parser's recovery and a fix placed by it may be refused: the rollback is the guard.
  if (before.errors().empty())
    for (const std::string& p : outcome.problems)
      require(p.find("rolled back") == std::string::npos, p);
  if (!outcome.changed()) return 0;
  require(infralint::changes_within(text, outcome.text, spans),
          "a fix changed bytes outside the reported edits");
  infralint::Document after(target.path, outcome.text, target.kind);
  infralint::parse_document(after);
  require(after.errors().size() <= before.errors().size(), "a fix added a parse error");
  return 0;
}
