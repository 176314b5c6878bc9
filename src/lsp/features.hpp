#pragma once
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/finding.hpp"
#include "engine/lint_config.hpp"
#include "lsp/document_store.hpp"
#include "lsp/positions.hpp"

namespace infralint::lsp {

// The findings of one version of an open document.
struct Analysis {
  long long version = 0;
  std::vector<Finding> findings;
};

// A file a finding's related span lies in, as a URI and a mapper for its text (an open
// buffer's, else the file's on disk); nothing when it cannot be read.
using RelatedFile = std::function<std::optional<nlohmann::json>(const std::string& path, Span span)>;

// The link to a rule's documentation (codeDescription.href).
std::string rule_docs_url(std::string_view rule_id);

// LSP Diagnostics of the findings. Each carries in `data` the rule id, the document version and
// its fix's edits as LSP TextEdits, so that codeAction needs no re-lint.
nlohmann::json to_diagnostics(const Analysis& analysis, const OpenDocument& doc,
                              Encoding encoding, const RelatedFile& related_file);

// Markdown of the rules whose findings cover `offset` (title, message, docs); null if none.
nlohmann::json hover(const Analysis& analysis, const OpenDocument& doc, Encoding encoding,
                     const nlohmann::json& position);

struct CodeActionRequest {
  const OpenDocument& doc;
  const nlohmann::json& params;  // CodeActionParams
  const LintConfig& config;
  Encoding encoding;
  std::string suppression_reason;
  bool has_safe_fix = false;  // some current finding has a safe fix (worth a fix-all)
  // The findings of the document's current version: quick fixes take their edits from here
  // (a diagnostic's data names its finding), so diagnostics need not carry them.
  const Analysis* analysis = nullptr;
};

// Quick fixes from the diagnostics' data (preferred when safe), "ignore here" comments, and
// `source.fixAll.infralint` (every safe fix, applied by the CLI's fixer).
nlohmann::json code_actions(const CodeActionRequest& request);

}  // namespace infralint::lsp
