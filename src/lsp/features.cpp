#include "lsp/features.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/document.hpp"
#include "engine/rule.hpp"
#include "engine/suppressions.hpp"
#include "fix/fixer.hpp"
#include "fix/suppression_comment.hpp"
#include "parse/document_parser.hpp"

namespace infralint::lsp {
namespace {

using nlohmann::json;

constexpr std::string_view kSource = "infralint";
constexpr std::string_view kFixAll = "source.fixAll.infralint";

int lsp_severity(Severity s) {
  switch (s) {
    case Severity::error: return 1;
    case Severity::warning: return 2;
    case Severity::info: return 3;
  }
  return 2;
}

json text_edit(const PositionMapper& map, Span span, const std::string& text) {
  return {{"range", map.range(span)}, {"newText", text}};
}

json workspace_edit(const std::string& uri, json edits) {
  return {{"changes", {{uri, std::move(edits)}}}};
}

// Whether the client asked only for kinds that exclude `kind` (`only` lists prefixes).
bool wanted(const json& context, std::string_view kind) {
  if (!context.contains("only") || !context["only"].is_array()) return true;
  for (const auto& o : context["only"]) {
    if (!o.is_string()) continue;
    std::string_view prefix = o.get_ref<const std::string&>();
    if (kind == prefix || (kind.starts_with(prefix) && kind[prefix.size()] == '.')) return true;
  }
  return false;
}

// The smallest single edit turning `before` into `after`: editors keep the cursor and undo
// history outside it.
json minimal_edit(const PositionMapper& map, std::string_view before, std::string_view after) {
  std::size_t prefix = 0;
  while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix])
    ++prefix;
  // Never split a UTF-8 sequence: back up to a character start.
  while (prefix > 0 && prefix < before.size() &&
         (static_cast<unsigned char>(before[prefix]) & 0xC0) == 0x80)
    --prefix;
  std::size_t suffix = 0;
  while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
         before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
    ++suffix;
  while (suffix > 0 && (static_cast<unsigned char>(before[before.size() - suffix]) & 0xC0) == 0x80)
    --suffix;
  return text_edit(map, {prefix, before.size() - suffix},
                   std::string(after.substr(prefix, after.size() - suffix - prefix)));
}

// The finding a diagnostic's data names, when it is of this analysis and has edits to offer.
const Finding* finding_of(const json& diagnostic, const Analysis* analysis) {
  const json& data = diagnostic["data"];
  if (!analysis || data.value("version", -1LL) != analysis->version) return nullptr;
  if (!data.contains("finding") || !data["finding"].is_number_unsigned()) return nullptr;
  std::size_t index = data["finding"].get<std::size_t>();
  if (index >= analysis->findings.size()) return nullptr;
  const Finding& f = analysis->findings[index];
  if (f.rule_id != data.value("rule", "") || !f.fix || f.fix->edits.empty() ||
      !f.fix->new_files.empty())
    return nullptr;
  return &f;
}

json quick_fix(const json& diagnostic, const Finding& finding, const std::string& uri,
               const PositionMapper& map) {
  const Fix& fix = *finding.fix;
  bool safe = fix.applicability == Applicability::safe;
  std::string title = fix.title;
  if (!safe) title += fix.applicability == Applicability::unsafe ? " (unsafe)" : " (suggestion)";
  json edits = json::array();
  for (const Edit& e : fix.edits) edits.push_back(text_edit(map, e.span, e.replacement));
  json action = {{"title", title},
                 {"kind", "quickfix"},
                 {"diagnostics", json::array({diagnostic})},
                 {"isPreferred", safe},
                 {"edit", workspace_edit(uri, std::move(edits))}};
  return action;
}

}  // namespace

std::string rule_docs_url(std::string_view rule_id) {
  return fmt::format("{}/blob/main/rules/{}.cpp", INFRALINT_HOMEPAGE, rule_id);
}

json to_diagnostics(const Analysis& analysis, const OpenDocument& doc, Encoding encoding,
                    const RelatedFile& related_file) {
  LineIndex lines(doc.text);
  PositionMapper map(doc.text, lines, encoding);
  json out = json::array();
  for (const Finding& f : analysis.findings) {
    if (f.suppressed_by) continue;
    json d = {{"range", map.range(f.span)},
              {"severity", lsp_severity(f.severity)},
              {"code", f.rule_id},
              {"source", kSource},
              {"message", f.message}};
    if (!f.rule_id.starts_with("policy/"))
      d["codeDescription"] = {{"href", rule_docs_url(f.rule_id)}};
    if (f.rule_id == kUnusedSuppression) d["tags"] = {1};  // Unnecessary: shown faded
    json related = json::array();
    for (const RelatedSpan& r : f.related) {
      std::optional<json> location;
      if (r.path.empty() || r.path == doc.path)
        location = json{{"uri", doc.uri}, {"range", map.range(r.span)}};
      else
        location = related_file(r.path, r.span);
      if (location) related.push_back({{"location", *location}, {"message", r.message}});
    }
    if (!related.empty()) d["relatedInformation"] = std::move(related);
    // The fix's edits stay on the server (code actions read them from the analysis of this
    // version): serialising every edit of every diagnostic was a third of a re-lint's time.
    json data = {{"rule", f.rule_id},
                 {"version", analysis.version},
                 {"finding", static_cast<std::size_t>(&f - analysis.findings.data())}};
    // A fix that creates files needs the CLI: the editor gets the edits only when they are all.
    if (f.fix && !f.fix->edits.empty() && f.fix->new_files.empty())
      data["fix"] = {{"title", f.fix->title}, {"applicability", to_string(f.fix->applicability)}};
    d["data"] = std::move(data);
    out.push_back(std::move(d));
  }
  return out;
}

json hover(const Analysis& analysis, const OpenDocument& doc, Encoding encoding,
           const json& position) {
  LineIndex lines(doc.text);
  PositionMapper map(doc.text, lines, encoding);
  LspPosition p;
  if (position.is_object()) {
    p.line = position.value("line", std::size_t{0});
    p.character = position.value("character", std::size_t{0});
  }
  std::size_t at = map.offset(p);
  std::vector<std::string> parts;
  std::optional<Span> covered;
  std::set<std::string_view> seen;
  for (const Finding& f : analysis.findings) {
    if (f.suppressed_by) continue;
    bool inside = f.span.contains(at) || (f.span.empty() && f.span.begin == at) || f.span.end == at;
    if (!inside || !seen.insert(f.rule_id).second) continue;
    covered = covered ? covered->cover(f.span) : f.span;
    const Rule* rule = Registry::instance().find(f.rule_id);
    std::string part = fmt::format("**{}**", f.rule_id);
    if (rule) part += fmt::format(": {}", rule->meta().title);
    part += fmt::format("\n\n{}", f.message);
    if (rule && !rule->meta().docs.empty()) part += fmt::format("\n\n{}", rule->meta().docs);
    if (!f.rule_id.starts_with("policy/"))
      part += fmt::format("\n\n[Rule source and docs]({})", rule_docs_url(f.rule_id));
    parts.push_back(std::move(part));
  }
  if (parts.empty()) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", fmt::format("{}", fmt::join(parts, "\n\n---\n\n"))}}},
          {"range", map.range(*covered)}};
}

json code_actions(const CodeActionRequest& request) {
  const OpenDocument& doc = request.doc;
  const json& params = request.params;
  json context = params.contains("context") && params["context"].is_object() ? params["context"]
                                                                              : json::object();
  json actions = json::array();
  // Only our diagnostics, which carry the rule and the fix in `data`.
  std::vector<json> diagnostics;
  if (context.contains("diagnostics") && context["diagnostics"].is_array())
    for (const json& d : context["diagnostics"])
      if (d.is_object() && d.value("source", "") == kSource && d.contains("data") &&
          d["data"].is_object() && d["data"].contains("rule"))
        diagnostics.push_back(d);
  LineIndex lines(doc.text);
  PositionMapper map(doc.text, lines, request.encoding);

  if (wanted(context, "quickfix")) {
    for (const json& d : diagnostics) {
      // Edits computed on another version would land in the wrong place: finding_of checks.
      if (d["data"].value("version", -1LL) != doc.version) continue;
      if (const Finding* f = finding_of(d, request.analysis))
        actions.push_back(quick_fix(d, *f, doc.uri, map));
    }
    Document parsed(doc.lint_path(), doc.text, doc.kind());
    parse_document(parsed, request.config.parse_options());
    for (const json& d : diagnostics) {
      std::string rule = d["data"]["rule"].is_string() ? d["data"]["rule"].get<std::string>() : "";
      if (rule.empty() || rule.starts_with("meta/")) continue;
      std::size_t at = map.span(d.value("range", json::object())).begin;
      auto line = suppression_line_start(parsed, at);
      if (!line) continue;
      std::set<std::string_view> rules{rule};
      Edit edit = suppression_comment_edit(parsed, *line, rules, request.suppression_reason);
      actions.push_back({{"title", fmt::format("Ignore {} here (suppression comment)", rule)},
                         {"kind", "quickfix"},
                         {"diagnostics", json::array({d})},
                         {"edit", workspace_edit(doc.uri, json::array({text_edit(
                                                              map, edit.span, edit.replacement)}))}});
    }
  }

  if (request.has_safe_fix && wanted(context, kFixAll)) {
    FixOptions options;
    options.config = request.config;
    FixOutcome outcome = fix_text(doc.lint_path(), doc.kind(), doc.text, options);
    if (outcome.changed()) {
      actions.push_back(
          {{"title", "Fix all safe infralint problems"},
           {"kind", kFixAll},
           {"edit", workspace_edit(doc.uri, json::array({minimal_edit(map, doc.text, outcome.text)}))}});
    }
  }
  return actions;
}

}  // namespace infralint::lsp
