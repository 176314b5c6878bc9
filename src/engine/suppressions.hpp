#pragma once
#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/finding.hpp"
#include "engine/rule.hpp"

namespace infralint {

// One suppression written in a document: ours (`# infralint: ignore[rule] reason`,
// `# infralint: ignore-file[rule] reason`, the Kubernetes annotation `infralint.dev/ignore`),
// or a peer's that teams already have (`# hadolint ignore=DL3008`, `# hadolint global ignore=`,
// BuildKit's `# check=skip=Name`, kube-linter's `ignore-check.kube-linter.io/<check>`), read
// through the rules' aliases.
struct Suppression {
  std::vector<const Rule*> rules;       // resolved; empty with `all`
  bool all_rules = false;               // check=skip=all
  std::vector<std::string> unknown_ids;  // ids that name no rule
  Span comment;                         // what to underline when reporting it
  Span removal;                         // the bytes deleting it removes (empty: not removable)
  Span target;                          // the findings it covers start inside this span
  bool ours = false;                    // only our own are reported when unused or malformed
  bool used = false;
};

// Every suppression of the document, with its target resolved (the instruction or line after
// a comment on its own line, the comment's own line for a trailing one, the whole file for
// file-wide forms, the YAML document for annotations).
std::vector<Suppression> find_suppressions(const Document& doc);

// Removes the findings a suppression covers (or, with `keep`, marks them `suppressed_by`),
// marking those suppressions used.
void apply_suppressions(const Document& doc, std::vector<Suppression>& suppressions,
                        std::vector<Finding>& findings, bool keep = false);

}  // namespace infralint
