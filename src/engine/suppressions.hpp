#pragma once
#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/finding.hpp"
#include "engine/rule.hpp"
#include "engine/selection.hpp"

namespace infralint {

// One suppression written in a document: ours (`# infralint: ignore[rule] reason`,
// `# infralint: ignore-file[rule] reason`, either with `until=YYYY-MM-DD`, the Kubernetes
// annotation `infralint.dev/ignore: "rule: reason; rule"`), or a peer's that teams already have
// (hadolint `ignore=`/`global ignore=`, BuildKit `# check=skip=`, dclint `disable`,
// `disable-line`, `disable-file`, pint `disable`, `file/disable`, `snooze`, `ignore/…`, and the
// kube-linter, kube-score, Polaris and checkov annotations), read through the rules' aliases.
struct Suppression {
  std::vector<const Rule*> rules;       // resolved; empty with `all`
  bool all_rules = false;               // check=skip=all
  std::vector<std::string> unknown_ids;  // ids that name no rule
  Span comment;                         // what to underline when reporting it
  Span removal;                         // the bytes deleting it removes (empty: not removable)
  Span target;                          // the findings it covers start inside this span
  bool ours = false;                    // only our own are reported when unused or malformed
  bool used = false;
  std::string reason;                   // the text after the ids (ours)
  std::string until;                    // YYYY-MM-DD: suppresses up to and including that day
  bool expired = false;                 // past `until`: suppresses nothing any more
  bool operator==(const Suppression&) const = default;
};

// Every suppression of the document, with its target resolved (the instruction or line after
// a comment on its own line, the comment's own line for a trailing one, the whole file for
// file-wide forms, the YAML document for annotations).
std::vector<Suppression> find_suppressions(const Document& doc);

// Removes the findings a suppression covers (or, with `keep`, marks them `suppressed_by`),
// marking those suppressions used.
void apply_suppressions(const Document& doc, std::vector<Suppression>& suppressions,
                        std::vector<Finding>& findings, bool keep = false);

// The meta rules about our suppressions, after apply_suppressions: unused or naming no rule
// (meta/unused-suppression), past their date (meta/expired-suppression), without a reason
// (meta/suppression-without-reason, opt-in); each when `selection` allows it.
void report_suppression_problems(const Document& doc, const std::vector<Suppression>& suppressions,
                                 const RuleSelection& selection, std::vector<Finding>& findings);

// The meta rules about suppressions, for the runner: their ids.
inline constexpr std::string_view kUnusedSuppression = "meta/unused-suppression";
inline constexpr std::string_view kExpiredSuppression = "meta/expired-suppression";
inline constexpr std::string_view kSuppressionWithoutReason = "meta/suppression-without-reason";

}  // namespace infralint
